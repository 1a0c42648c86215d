#!/usr/bin/env bash
# Regenerates the hashed locks from pyproject.toml (run it after changing a dependency):
#
#   requirements/update.sh            # needs uv: python3 -m pip install uv
#
# lock.txt     every runtime and test dependency, for .ci/run and ci.yml
# runtime.txt  the runtime dependencies only, for the bot's workflows and action.yml
# Both are universal (any OS and Python 3.10-3.13), with hashes, plus listbot's build backend.
set -euo pipefail
cd "$(dirname "$0")/.."
uv="${UV:-uv}"
common=(--quiet --generate-hashes --universal --python-version 3.10
        --custom-compile-command "requirements/update.sh" --no-strip-markers)
"$uv" pip compile "${common[@]}" pyproject.toml requirements/build.in --extra test \
    -o requirements/lock.txt
"$uv" pip compile "${common[@]}" pyproject.toml requirements/build.in \
    -o requirements/runtime.txt
