"""A seeded generator of a realistic Sister Libraries corpus, for benchmarks.

    python bench/generate.py --stories 10000 --out bench/corpus-10000

Writes libraries across many countries (real ISO codes, skewed like the real world: a few
countries have most libraries), partnerships between libraries of different countries, and
stories of 300-600 words in English or in Cyrillic (Bulgarian, Russian, Ukrainian...), with
headings, lists, web links and [[wiki links]] that resolve. The bundled content is copied
too (its guides and activities link to bundled entries), so the corpus has exactly
`--stories` stories. The same seed always gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sisterlib.content.loading import load_all  # noqa: E402
from sisterlib.content.slugs import suggest_slug, transliterate  # noqa: E402
from sisterlib.resolve.names import NameIndex  # noqa: E402

BUNDLED = ROOT / "content"
KIND_FOLDERS = ("libraries", "partnerships", "stories", "activities", "pages")

# code, weight (share of libraries), languages, script of the local language
COUNTRIES: list[tuple[str, int, tuple[str, ...], str]] = [
    ("US", 240, ("en",), "latin"),
    ("BG", 70, ("bg", "en"), "cyrillic"),
    ("GB", 40, ("en",), "latin"),
    ("DE", 35, ("de", "en"), "latin"),
    ("RU", 30, ("ru",), "cyrillic"),
    ("UA", 30, ("uk", "en"), "cyrillic"),
    ("IT", 28, ("it",), "latin"),
    ("FR", 28, ("fr",), "latin"),
    ("NO", 20, ("no", "en"), "latin"),
    ("SE", 18, ("sv", "en"), "latin"),
    ("PL", 18, ("pl",), "latin"),
    ("RS", 15, ("sr",), "cyrillic"),
    ("MK", 10, ("mk",), "cyrillic"),
    ("BY", 8, ("be", "ru"), "cyrillic"),
    ("KZ", 8, ("kk", "ru"), "cyrillic"),
    ("CA", 20, ("en", "fr"), "latin"),
    ("AU", 15, ("en",), "latin"),
    ("NZ", 6, ("en",), "latin"),
    ("IE", 8, ("en", "ga"), "latin"),
    ("ES", 18, ("es",), "latin"),
    ("PT", 10, ("pt",), "latin"),
    ("BR", 15, ("pt",), "latin"),
    ("MX", 12, ("es",), "latin"),
    ("AR", 8, ("es",), "latin"),
    ("CL", 5, ("es",), "latin"),
    ("CO", 5, ("es",), "latin"),
    ("PE", 4, ("es",), "latin"),
    ("NL", 10, ("nl",), "latin"),
    ("BE", 6, ("nl", "fr"), "latin"),
    ("DK", 8, ("da",), "latin"),
    ("FI", 8, ("fi", "sv"), "latin"),
    ("IS", 3, ("is",), "latin"),
    ("EE", 4, ("et",), "latin"),
    ("LV", 4, ("lv",), "latin"),
    ("LT", 4, ("lt",), "latin"),
    ("CZ", 8, ("cs",), "latin"),
    ("SK", 5, ("sk",), "latin"),
    ("HU", 6, ("hu",), "latin"),
    ("RO", 10, ("ro",), "latin"),
    ("GR", 6, ("el",), "latin"),
    ("TR", 6, ("tr",), "latin"),
    ("SI", 3, ("sl",), "latin"),
    ("HR", 4, ("hr",), "latin"),
    ("AT", 6, ("de",), "latin"),
    ("CH", 5, ("de", "fr"), "latin"),
    ("JP", 8, ("ja",), "latin"),
    ("KR", 5, ("ko",), "latin"),
    ("IN", 8, ("hi", "en"), "latin"),
    ("ZA", 5, ("en", "af"), "latin"),
    ("KE", 4, ("sw", "en"), "latin"),
    ("GH", 3, ("en",), "latin"),
    ("NG", 4, ("en",), "latin"),
    ("EG", 3, ("ar",), "latin"),
    ("MA", 3, ("ar", "fr"), "latin"),
    ("IL", 3, ("he",), "latin"),
    ("GE", 3, ("ka",), "latin"),
    ("AM", 3, ("hy",), "latin"),
    ("MN", 2, ("mn",), "cyrillic"),
    ("VN", 3, ("vi",), "latin"),
    ("PH", 3, ("en",), "latin"),
]
STORY_LANG = {"BG": "bg", "RU": "ru", "UA": "uk", "RS": "sr", "MK": "mk", "BY": "be", "KZ": "ru", "MN": "mn"}

LATIN_SYLLABLES = (
    "ar bel cas dor el fen gar hol in kar lin mor nor ost par ril san tor ul ven wes yar zel bro sta ham ton vil".split()
)
CYRILLIC_SYLLABLES = "бе ла го ра ви до си ли мо ка ни ру ста зла пло ве тър ко ша бур дин ям бол раз гра ни че".split()
TYPES = ("public", "public", "public", "public", "academic", "school", "special")
TYPE_WORDS = {
    "public": "Public Library",
    "academic": "University Library",
    "school": "School Library",
    "special": "Heritage Library",
}
STATUSES = ("active", "active", "active", "dormant", "ended")
VIA = (
    "Sister Cities International",
    "the Colorado-Bulgarian Library Project",
    "the IRRT Sister Libraries program",
    "a state project",
    "a library conference",
    "",
)
STORY_TOPICS = (
    "reading marathon", "book exchange", "staff visit", "summer reading club", "holiday exchange", "joint exhibit",
    "storytelling week", "training workshop", "translation project", "pen pal program", "music evening", "poetry night",
    "digitisation project", "language café", "children's art show", "local history archive",
)  # fmt: skip
CYRILLIC_TOPICS = (
    "маратон на четенето", "размяна на книги", "посещение на колеги", "лятно четене", "празнична размяна",
    "обща изложба", "седмица на приказките", "обучение за библиотекари", "превод на книги", "вечер на поезията",
)  # fmt: skip

EN = {
    "subject": [
        "The children's department",
        "A group of volunteers",
        "The director",
        "Two librarians",
        "The reading club",
        "Local teachers",
        "The partner library",
        "Our readers",
        "The town council",
        "A visiting author",
        "Staff from both libraries",
        "The youth council",
        "Retired readers",
        "The local newspaper",
    ],
    "verb": [
        "organised",
        "planned",
        "shared",
        "translated",
        "collected",
        "presented",
        "welcomed",
        "discussed",
        "celebrated",
        "prepared",
        "documented",
        "recorded",
        "exchanged",
        "supported",
    ],
    "object": [
        "a week of readings",
        "boxes of picture books",
        "photographs of the town",
        "a small exhibition",
        "letters from children",
        "recipes and songs",
        "a list of favourite novels",
        "short videos",
        "a bilingual catalogue",
        "training notes",
        "the history of the region",
        "a guide to the collection",
        "a traditional festival",
        "a summer programme",
    ],
    "tail": [
        "with great enthusiasm",
        "during the winter holidays",
        "for the first time",
        "over several months",
        "in both languages",
        "with help from the city",
        "despite a tight budget",
        "after many emails",
        "in the main reading room",
        "at the spring fair",
        "together with local schools",
        "for readers of all ages",
    ],
    "joiner": ["Later,", "At first,", "In the end,", "Meanwhile,", "Since then,", "Every year,", "Soon after,", "As a result,"],
    "headings": [
        "How it started",
        "What we did",
        "What we learned",
        "Who took part",
        "Next steps",
        "Why it worked",
        "The results",
    ],
}
CY = {
    "subject": [
        "Детският отдел",
        "Група доброволци",
        "Директорката",
        "Две библиотекарки",
        "Читателският клуб",
        "Местните учители",
        "Партньорската библиотека",
        "Нашите читатели",
        "Общината",
        "Гостуващ писател",
        "Колегите от двете библиотеки",
    ],
    "verb": [
        "организираха",
        "подготвиха",
        "споделиха",
        "преведоха",
        "събраха",
        "представиха",
        "посрещнаха",
        "обсъдиха",
        "отбелязаха",
        "записаха",
        "размениха",
        "подкрепиха",
    ],
    "object": [
        "седмица на четенето",
        "кашони с детски книги",
        "снимки на града",
        "малка изложба",
        "писма от деца",
        "рецепти и песни",
        "списък с любими романи",
        "кратки видеа",
        "двуезичен каталог",
        "историята на региона",
        "традиционен празник",
    ],
    "tail": [
        "с голям ентусиазъм",
        "през зимната ваканция",
        "за първи път",
        "в продължение на месеци",
        "на двата езика",
        "с помощта на общината",
        "въпреки малкия бюджет",
        "в голямата читалня",
        "заедно с местните училища",
        "за читатели от всички възрасти",
    ],
    "joiner": ["После", "Отначало", "Накрая", "Междувременно", "Оттогава", "Всяка година", "Скоро след това"],
    "headings": ["Как започна", "Какво направихме", "Какво научихме", "Кой участва", "Следващи стъпки", "Резултатите"],
}


@dataclass
class Lib:
    slug: str
    name: str
    city: str
    country: str
    type: str
    languages: tuple[str, ...]
    cyrillic_name: str = ""


@dataclass
class Part:
    slug: str
    libraries: list[Lib]
    activities: list[str]
    stories: list[str] = field(default_factory=list)


class Generator:
    def __init__(self, seed: int, bundled: Path):
        self.rng = random.Random(seed)
        self.taken: set[str] = set()  # every slug and name (casefolded), so wiki links stay unambiguous
        self.activities: list[str] = []
        self.guides: list[str] = []
        self._read_bundled(bundled)

    def _read_bundled(self, bundled: Path) -> None:
        loaded = load_all(bundled, 1)
        entries, errors = list(loaded.entries().values()), loaded.errors()
        if errors:
            raise SystemExit(f"the bundled content has errors: {errors[0].format(errors[0].path)}")
        index = NameIndex()
        index.update({e.key: e for e in entries})
        self.taken.update(index.names)
        self.activities = sorted(e.slug for e in entries if e.kind == "activity")
        self.guides = sorted(e.slug for e in entries if e.kind == "guide")
        self.bundled_stories = sum(1 for e in entries if e.kind == "story")

    def _unique(self, *names: str) -> bool:
        folded = [n.casefold() for n in names]
        if any(f in self.taken for f in folded) or len(set(folded)) != len(folded):
            return False
        self.taken.update(folded)
        return True

    # --- entries -------------------------------------------------------------------------

    def libraries(self, count: int) -> list[Lib]:
        codes = [c[0] for c in COUNTRIES]
        weights = [c[1] for c in COUNTRIES]
        info = {c[0]: c for c in COUNTRIES}
        libs: list[Lib] = []
        while len(libs) < count:
            code = self.rng.choices(codes, weights)[0]
            _, _, languages, script = info[code]
            kind = self.rng.choice(TYPES)
            syllables = self.rng.randint(2, 3)
            if script == "cyrillic":
                cyr_city = "".join(self.rng.choice(CYRILLIC_SYLLABLES) for _ in range(syllables)).capitalize()
                city = transliterate(cyr_city)
            else:
                cyr_city = ""
                city = "".join(self.rng.choice(LATIN_SYLLABLES) for _ in range(syllables)).capitalize()
            name = f"{city} {TYPE_WORDS[kind]}"
            slug = suggest_slug(name)
            cyr_name = f"Библиотека {cyr_city}" if cyr_city else ""
            if not self._unique(slug, name, *([cyr_name] if cyr_name else [])):
                continue
            libs.append(Lib(slug, name, city, code, kind, languages, cyr_name))
        return libs

    def partnerships(self, libs: list[Lib], count: int) -> list[Part]:
        parts: list[Part] = []
        pairs: set[tuple[str, str]] = set()
        while len(parts) < count:
            a, b = self.rng.sample(libs, 2)
            if a.country == b.country or (a.slug, b.slug) in pairs or (b.slug, a.slug) in pairs:
                continue
            slug = suggest_slug(f"{a.city}-{b.city}")
            if not self._unique(slug):
                continue
            pairs.add((a.slug, b.slug))
            members = [a, b]
            if self.rng.random() < 0.05:  # a few three-way partnerships
                c = self.rng.choice(libs)
                if c not in members:
                    members.append(c)
            parts.append(Part(slug, members, self.rng.sample(self.activities, self.rng.randint(1, 3))))
        return parts

    # --- text ----------------------------------------------------------------------------

    def sentence(self, words: dict[str, list[str]], joiner: bool = True) -> str:
        r = self.rng
        parts = [r.choice(words["subject"]), r.choice(words["verb"]), r.choice(words["object"]), r.choice(words["tail"])]
        if joiner and r.random() < 0.3:
            first = parts[0]
            parts[0] = r.choice(words["joiner"]) + " " + first[0].lower() + first[1:]
        if r.random() < 0.15:
            parts[2] = f"**{parts[2]}**"
        elif r.random() < 0.1:
            parts[3] = f"*{parts[3]}*"
        return " ".join(parts) + "."

    def paragraph(self, words: dict[str, list[str]], links: list[str], budget: int) -> str:
        sentences = []
        count = 0
        while count < budget:
            s = self.sentence(words)
            if links and self.rng.random() < 0.25:
                s = s[:-1] + f", with {links.pop()}." if words is EN else s[:-1] + f" ({links.pop()})."
            sentences.append(s)
            count += len(s.split())
        return " ".join(sentences)

    def body(self, words: dict[str, list[str]], links: list[str], target: int, lists: bool = True) -> str:
        """Markdown of about `target` words; every item of `links` appears once."""
        links = list(links)
        self.rng.shuffle(links)
        blocks: list[str] = []
        words_so_far = 0
        headings = self.rng.sample(words["headings"], k=min(len(words["headings"]), 4))
        while words_so_far < target:
            if blocks and headings and self.rng.random() < 0.35:
                blocks.append("## " + headings.pop())
            if lists and blocks and not blocks[-1].startswith(("- ", "1. ")) and self.rng.random() < 0.3:
                items = [self.sentence(words, joiner=False) for _ in range(self.rng.randint(3, 5))]
                if links:
                    items[0] = items[0][:-1] + f": {links.pop()}"
                marker = "1." if self.rng.random() < 0.3 else "-"
                blocks.append("\n".join(f"{marker} {item}" for item in items))
                words_so_far += sum(len(i.split()) for i in items)
                continue
            para = self.paragraph(words, links, min(self.rng.randint(40, 90), target - words_so_far + 10))
            blocks.append(para)
            words_so_far += len(para.split())
        if links:
            blocks.append(("See also: " if words is EN else "Вижте също: ") + ", ".join(links) + ".")
        return "\n\n".join(blocks) + "\n"

    def web_link(self, lib: Lib) -> str:
        label = "the library's website" if self.rng.random() < 0.5 else "photos from the event"
        return f"[{label}](https://www.example.org/{lib.slug}/{self.rng.randint(1, 999)})"

    # --- files ---------------------------------------------------------------------------

    def library_file(self, lib: Lib) -> str:
        r = self.rng
        lines = ["---", f"name: {lib.name}", f"city: {lib.city}", f"country: {lib.country}", f"type: {lib.type}"]
        lines.append(f"languages: [{', '.join(lib.languages)}]")
        lines.append(f"location: {{lat: {r.uniform(-60, 70):.2f}, lon: {r.uniform(-170, 170):.2f}}}")
        if lib.cyrillic_name:
            lines.append(f"aliases: [{lib.cyrillic_name}]")
        if r.random() < 0.3:
            lines.append(f"website: https://www.example.org/{lib.slug}/")
        if r.random() < 0.08:
            interests = ", ".join(r.sample(self.activities, 2))
            lines.append(f"seeking: {{countries: [{r.choice(COUNTRIES)[0]}], languages: [en], interests: [{interests}]}}")
            lines.append(f"last_confirmed: {r.randint(2020, 2025)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}")
        lines.append("---")
        words = CY if lib.cyrillic_name and r.random() < 0.5 else EN
        text = self.body(words, [f"[[{r.choice(self.guides)}]]"], r.randint(60, 150), lists=False)
        return "\n".join(lines) + "\n" + text

    def partnership_file(self, part: Part) -> str:
        r = self.rng
        lines = ["---", f"libraries: [{', '.join(lib.slug for lib in part.libraries)}]", f"status: {r.choice(STATUSES)}"]
        lines.append(f"since: {r.randint(1990, 2024)}")
        if r.random() < 0.5:
            lines.append(f"formal: {'true' if r.random() < 0.5 else 'false'}")
        via = r.choice(VIA)
        if via:
            lines.append(f"via: {via}")
        lines.append(f"activities: [{', '.join(part.activities)}]")
        lines.append("---")
        links = [f"[[{lib.name}]]" for lib in part.libraries] + [f"[[{a}]]" for a in part.activities]
        return "\n".join(lines) + "\n" + self.body(EN, links, r.randint(80, 200))

    def story_file(self, title: str, part: Part | None, libs: list[Lib], earlier: list[str], cyrillic: bool) -> str:
        r = self.rng
        members = part.libraries if part else libs
        lang = next((STORY_LANG[lib.country] for lib in members if lib.country in STORY_LANG), "en")
        activities = r.sample(self.activities, r.randint(1, 3))
        year = r.randint(1995, 2025)
        date = f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}" if r.random() < 0.85 else str(year)
        lines = ["---", f'title: "{title}"', f"date: {date}"]
        if part:
            lines.append(f"partnership: {part.slug}")
        else:
            lines.append(f"libraries: [{', '.join(lib.slug for lib in libs)}]")
        lines.append(f"activities: [{', '.join(activities)}]")
        if r.random() < 0.7:
            summary = self.sentence(CY if cyrillic else EN, joiner=False).replace("*", "")
            lines.append(f'summary: "{summary}"')
        if cyrillic:
            lines.append(f"lang: {lang}")
        lines.append("---")
        links = [f"[[{a}]]" for a in activities]
        for lib in members:
            if lib.cyrillic_name and cyrillic:
                links.append(f"[[{lib.cyrillic_name}]]")
            elif r.random() < 0.5:
                links.append(f"[[{lib.name}]]")
            else:
                links.append(f"[[{lib.slug}|{lib.city}]]")
        if part:
            links.append(f"[[{part.slug}]]")
        if earlier and r.random() < 0.5:
            links.append(f"[[{r.choice(earlier)}]]")
        if r.random() < 0.4:
            links.append(f"[[{r.choice(self.guides)}]]")
        links.append(self.web_link(members[0]))
        return "\n".join(lines) + "\n" + self.body(CY if cyrillic else EN, links, r.randint(300, 600))

    def story_title(self, members: list[Lib], cyrillic: bool) -> str:
        if cyrillic:
            lib = next(lib for lib in members if lib.cyrillic_name)
            return f"{self.rng.choice(CYRILLIC_TOPICS).capitalize()}: {lib.cyrillic_name}"
        others = " and ".join(lib.city for lib in members[1:])
        return f"A {self.rng.choice(STORY_TOPICS)} in {members[0].city}" + (f" with {others}" if others else "")


def generate(stories: int, out: Path, seed: int = 8, libraries: int | None = None) -> dict[str, int]:
    """Write the corpus into `out` (replacing it); return how many entries of each kind."""
    gen = Generator(seed, BUNDLED)
    n_stories = max(0, stories - gen.bundled_stories)
    n_libs = libraries or max(12, stories // 5)
    libs = gen.libraries(n_libs)
    parts = gen.partnerships(libs, max(6, n_libs * 3 // 5))
    if out.exists():
        shutil.rmtree(out)
    for folder in KIND_FOLDERS:  # the bundled entries, without their translations: no story of the corpus is translated
        shutil.copytree(BUNDLED / folder, out / folder, ignore=shutil.ignore_patterns("*.??.md"))
    for lib in libs:
        (out / "libraries" / f"{lib.slug}.md").write_text(gen.library_file(lib), encoding="utf-8")
    for part in parts:
        (out / "partnerships" / f"{part.slug}.md").write_text(gen.partnership_file(part), encoding="utf-8")
    written: list[str] = []
    # A few partnerships collect many stories, most have a handful (like the real directory).
    weights = [1.0 / (i + 1) ** 0.7 for i in range(len(parts))]
    for i in range(n_stories):
        if gen.rng.random() < 0.85:
            part: Part | None = gen.rng.choices(parts, weights)[0]
            members = part.libraries  # type: ignore[union-attr]
            libs_of_story: list[Lib] = []
        else:
            part = None
            libs_of_story = gen.rng.sample(libs, gen.rng.randint(1, 2))
            members = libs_of_story
        cyrillic = any(lib.cyrillic_name for lib in members) and gen.rng.random() < 0.5
        title = gen.story_title(members, cyrillic)
        slug = f"{suggest_slug(title)[:60].rstrip('-')}-{i + 1}"
        gen.taken.add(slug)
        text = gen.story_file(title, part, libs_of_story, written[-200:], cyrillic)
        (out / "stories" / f"{slug}.md").write_text(text, encoding="utf-8")
        written.append(slug)
    return {"libraries": len(libs), "partnerships": len(parts), "stories": n_stories + gen.bundled_stories}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=1000, help="number of stories (default 1000)")
    parser.add_argument("--libraries", type=int, default=None, help="number of libraries (default: stories / 5)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default bench/corpus-<stories>)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "bench" / f"corpus-{args.stories}"
    counts = generate(args.stories, out, args.seed, args.libraries)
    print(f"wrote {counts['stories']} stories, {counts['libraries']} libraries, {counts['partnerships']} partnerships into {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
