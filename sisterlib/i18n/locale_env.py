"""The contributor's language from the environment, as gettext finds it: the first of LANGUAGE,
LC_ALL, LC_MESSAGES and LANG that is set decides (LANGUAGE may list several, "bg:en"); a
locale name such as bg_BG.UTF-8 or bg_BG@latin means its language, bg. "C" and "POSIX" mean
the untranslated messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(environ: Mapping[str, str], languages: Iterable[str]) -> str | None:
    """The first language the environment asks for that is one of `languages`, or None."""
    known = tuple(languages)
    for variable in VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for name in value.split(":"):
            code = name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            if code in ("c", "posix"):
                return None
            if code in known:
                return code
        return None  # the first variable set decides, as in gettext
    return None
