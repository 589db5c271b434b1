#!/usr/bin/env bash
# Run by the build before the worker-host tests: ConsoleBrowserTest drives Debian's headless
# Chromium through the chromedriver of the same package version (no download at test time).
# When they are missing, this installs the Debian packages chromium and chromium-driver, as root
# or through password-less sudo. Other systems: put a Chromium at /usr/bin/chromium and its
# matching driver at /usr/bin/chromedriver.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "The console's browser test needs Chromium at /usr/bin/chromium and chromedriver at /usr/bin/chromedriver;" \
    "this is not a Debian-like system, so the build cannot install them: install them, then build again." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The console's browser test needs Chromium and its driver; the build installs them as root or with" \
    "password-less sudo, neither of which it has: run 'sudo apt-get install chromium chromium-driver' once." >&2
  exit 1
fi
echo "Installing Debian's chromium and chromium-driver for the console's browser test (once per machine)"
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver; then
  # A fresh machine may have no package lists yet.
  "${as_root[@]}" apt-get update -q
  "${as_root[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver
fi
