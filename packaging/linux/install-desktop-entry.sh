#!/bin/sh
# Add LeNet Digits to the desktop's application menu (per user; no root needed).
#   ./install-desktop-entry.sh              install, pointing at the LeNetDigits beside this script
#   ./install-desktop-entry.sh --uninstall  remove the entry and the icons again
# Writes only under ${XDG_DATA_HOME:-~/.local/share}; the bundle folder itself is left untouched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=lenet-digits
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$id.desktop"
    find "$data/icons/hicolor" -name "$id.png" -o -name "$id.svg" 2>/dev/null | while read -r f; do rm -f "$f"; done
    echo "removed $id from $data"
    exit 0
fi
[ -x "$here/LeNetDigits" ] || { echo "LeNetDigits not found beside $0" >&2; exit 1; }
mkdir -p "$data/applications"
(cd "$here/share" && find icons -type f) | while read -r f; do
    mkdir -p "$data/$(dirname "$f")"
    cp "$here/share/$f" "$data/$f"
done
# Exec gets the absolute path, quoted and escaped as the desktop entry specification asks.
exe=$(printf '%s' "$here/LeNetDigits" | sed 's/\\/\\\\\\\\/g; s/"/\\\\"/g; s/`/\\\\`/g; s/\$/\\\\$/g')
EXE="$exe" TRY="$here/LeNetDigits" awk '
    /^Exec=/ { print "Exec=\"" ENVIRON["EXE"] "\""; next }
    /^TryExec=/ { print "TryExec=" ENVIRON["TRY"]; next }
    { print }' "$here/share/applications/$id.desktop" > "$data/applications/$id.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "installed $data/applications/$id.desktop"
