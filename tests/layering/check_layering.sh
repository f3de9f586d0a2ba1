#!/bin/sh
# Fails when an include crosses a layer boundary, naming the file and line:
#   - a view (app/gui/views) includes a store header (core/store/): views go through Triage;
#   - anything outside core/net/ includes libcurl: the outbound gate is the one door out;
#   - the core includes ImGui, GLFW or GL: the core knows nothing of the screen;
#   - the app includes SQLite or SQLCipher: the app never speaks SQL.
# Usage: check_layering.sh SOURCE_DIR
root=${1:?usage: check_layering.sh SOURCE_DIR}
cd "$root" || exit 2
status=0

# check RULE PATTERN PATH... : reports every #include line under PATH matching PATTERN.
check() {
  rule=$1 pattern=$2
  shift 2
  hits=$(grep -rnE --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.c' \
    "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$@" 2>/dev/null)
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits" | sed "s|\$|   <- $rule|"
    status=1
  fi
}

check "views must not include the store; go through Triage" 'core/store/' app/gui/views
check "only core/net/ may include libcurl" 'curl/' $(find core app -path core/net -prune -o -type f -print)
check "the core must not include ImGui or GL" 'imgui|GL/|GLFW/|glad/|GLES' core
check "the app must not include SQLite or SQLCipher" 'sqlcipher/|sqlite3' \
  $(find app -path app/blocked_headers -prune -o -type f -print)

[ $status -eq 0 ] && echo "layering: every include respects the layers"
exit $status
