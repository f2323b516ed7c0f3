"""Site configuration: a small trusted TOML file (`sisterlib.toml`), overridable on the command line."""

from __future__ import annotations

import struct
import tomllib
from dataclasses import dataclass, fields, replace
from functools import cached_property
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CONFIG_NAME = "sisterlib.toml"


@dataclass(frozen=True)
class Config:
    title: str = "Sister Libraries"
    description: str = "A wiki of partnerships between libraries in different countries."
    # Where the site is published. "/" for a domain root; "https://owner.github.io/repo/"
    # for a project sub-path. Every link, asset and search path is prefixed by its path.
    base_url: str = "/"
    repo_url: str = ""  # https://github.com/owner/repo: "edit this page" and the contribute form
    repo_branch: str = "main"
    license: str = "CC BY 4.0"
    license_url: str = "https://creativecommons.org/licenses/by/4.0/"
    # Interface languages: the first is the default, at /; each other at /<code>/ (issue 19).
    # The old single `language = "en"` setting is still read, as a one-item list.
    languages: tuple[str, ...] = ("en",)
    # Every page's image when it is shared (og:image; an entry may have its own): a PNG in
    # assets/, described by image_alt for people who cannot see it. "" for none.
    image: str = "site-image.png"
    image_alt: str = "An open book beside the words Sister Libraries: libraries in different countries working together."
    seeking_fresh_months: int = 12  # a seeking listing confirmed longer ago "may be out of date"
    project_root: Path = PACKAGE_ROOT  # templates/ and assets/ live here
    # Set by `serve` only: preview pages carry livereload's inline script, so no <meta> CSP,
    # and search may be unavailable.
    preview: bool = False

    @cached_property  # asked for on every link of every page
    def base_path(self) -> str:
        """The path part of base_url without the trailing slash: "" or "/repo"."""
        return urlsplit(self.base_url).path.rstrip("/")

    @cached_property
    def absolute_base(self) -> str:
        """scheme://host/path/ when base_url is absolute, else "" (no canonical URLs then)."""
        parts = urlsplit(self.base_url)
        return self.base_url.rstrip("/") if parts.scheme and parts.netloc else ""

    @cached_property
    def image_size(self) -> tuple[int, int]:
        """Width and height of the site image, read from the file (checked by load_config)."""
        return png_size(self.assets_dir / self.image)

    @property
    def language(self) -> str:
        """The default language: the site's at /, the source language of the catalogs."""
        return self.languages[0]

    @cached_property  # asked for by every page planned and rendered (i18n/current.py)
    def locale_dir(self) -> Path:
        """The translation catalogs: locale/<lang>/LC_MESSAGES/messages.po (i18n/catalogs.py)."""
        return self.project_root / "locale"

    @property
    def templates_dir(self) -> Path:
        return self.project_root / "templates"

    @property
    def assets_dir(self) -> Path:
        return self.project_root / "assets"


class ConfigError(Exception):
    pass


def project_root(config_path: Path) -> Path:
    """Where templates/ and assets/ are: beside the config file when it has them (a site of its
    own), else sisterlib's own (a config kept anywhere, such as a deploy's, only sets values)."""
    folder = config_path.resolve().parent
    return folder if (folder / "templates").is_dir() else PACKAGE_ROOT


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from a PNG's header chunk; ValueError when the file is not a PNG."""
    with path.open("rb") as file:
        head = file.read(24)
    if head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        raise ValueError("is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _check_image(config: Config, path: Path) -> None:
    """The site image is a PNG inside assets/ with a description."""
    name = PurePosixPath(config.image)
    if name.is_absolute() or ".." in name.parts or "\\" in config.image:
        raise ConfigError(f"{path}: image = '{config.image}' must be a file name inside assets/, like site-image.png")
    file = config.assets_dir / name
    try:
        config.image_size  # noqa: B018 (read and cached now, so every page gets the same size)
    except OSError:
        raise ConfigError(f"{path}: image = '{config.image}' was not found in {config.assets_dir}/ (\"\" for no image)") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: image {file} {exc}; use a PNG (1200 x 630 px suits most sites)") from None
    if not config.image_alt.strip():
        raise ConfigError(f"{path}: image_alt is empty; describe the image for people who cannot see it")


def _languages(path: Path, key: str, value: object) -> tuple[str, ...]:
    """`languages = ["en", "bg", "es"]`, or the old `language = "en"`: known ISO 639-1 codes, once each."""
    from .content.codes import language_name

    codes = [value] if key == "language" and isinstance(value, str) else value
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise ConfigError(f'{path}: \'{key}\' must be a list of language codes in quotes, like languages = ["en", "bg"]')
    for code in codes:
        if len(code) != 2 or code != code.lower() or not language_name(code):
            raise ConfigError(f"{path}: '{code}' in {key} is not a two-letter ISO 639-1 language code such as en, bg or es")
    if len(set(codes)) != len(codes):
        raise ConfigError(f"{path}: {key} names a language twice; list each once")
    return tuple(codes)


def load_config(path: Path | None, **overrides: object) -> Config:
    """Read the config file (if any) and apply command-line overrides that are not None."""
    values: dict[str, object] = {}
    if path is None:
        path = Path(CONFIG_NAME) if Path(CONFIG_NAME).is_file() else PACKAGE_ROOT / CONFIG_NAME
    elif not path.is_file():
        raise ConfigError(f"{path}: there is no such config file" + (" (it is a folder)" if path.is_dir() else ""))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        known = {f.name for f in fields(Config)} - {"project_root", "preview"} | {"language"}
        for key, value in data.get("site", data).items():
            if key in ("language", "languages"):
                values["languages"] = _languages(path, key, value)
                continue
            if key not in known:
                raise ConfigError(f"{path}: unknown setting '{key}'; the settings are {', '.join(sorted(known))}")
            if isinstance(getattr(Config, key, ""), int):  # a number setting
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ConfigError(f"{path}: '{key}' must be a whole number above zero, without quotes")
            elif not isinstance(value, str):
                raise ConfigError(f"{path}: '{key}' must be text in quotes")
            values[key] = value
        values["project_root"] = project_root(path)
    config = replace(Config(), **values)  # type: ignore[arg-type]
    config = replace(config, **{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    if not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    if config.repo_url:  # "https://github.com/o/r/" and ".../r.git" both mean https://github.com/o/r
        config = replace(config, repo_url=config.repo_url.rstrip("/").removesuffix(".git"))
    if config.image:
        _check_image(config, path)
    return config
