/**
 * Shell helpers at the top of the Linux and macOS probes. Plain POSIX sh (dash, BusyBox ash,
 * bash, macOS /bin/sh): no `local`, no arrays, no bashisms. Variables carry an sb_ prefix
 * because sh functions share one namespace.
 */
export const posixPreamble = String.raw`# Switchboard inventory probe. Read-only: it installs, refreshes and writes nothing, and
# needs no root. Every section is framed by markers that carry the command's exit status.
LC_ALL=C
export LC_ALL
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
export PATH

sb_have() { command -v "$1" >/dev/null 2>&1; }

# stdin is /dev/null so no command can eat the rest of a script fed through "sh -s";
# stderr is dropped so warnings never land inside a section.
sb_section() {
  sb_name=$1
  shift
  printf '@@SWITCHBOARD:%s@@\n' "$sb_name"
  "$@" </dev/null 2>/dev/null
  sb_status=$?
  printf '\n@@END:%s:%s@@\n' "$sb_name" "$sb_status"
}

# Runs an external command for at most $1 seconds. macOS has no timeout(1), so a background
# watchdog stands in; its output is detached so a lingering sleep cannot hold the session open.
sb_bounded() {
  sb_limit=$1
  shift
  if sb_have timeout; then
    timeout "$sb_limit" "$@"
    return
  fi
  "$@" &
  sb_pid=$!
  ( sleep "$sb_limit"; kill "$sb_pid" ) >/dev/null 2>&1 &
  sb_watchdog=$!
  wait "$sb_pid"
  sb_bounded_status=$?
  kill "$sb_watchdog" >/dev/null 2>&1
  return "$sb_bounded_status"
}
`
