"""Where the build cache lives: outside the checkout, one folder per content folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_dir_for(content_dir: Path) -> Path:
    """The cache folder of one content folder, OUTSIDE the checkout.

    Cached HTML is trusted output, so it must not live where a pull request can put files:
    a `.cache/` committed next to `content/` would be served as rendered Markdown (cache
    poisoning: script in a visitor's browser). It lives in the user's cache folder
    (`$SISTERLIB_CACHE_DIR`, else `$XDG_CACHE_HOME/sisterlib` or `~/.cache/sisterlib`),
    one sub-folder per content folder, named by a hash of its absolute path.
    """
    root = os.environ.get("SISTERLIB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "sisterlib"
    )
    folder = str(content_dir.resolve())
    return Path(root) / hashlib.blake2b(folder.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
