# Shared by the benchmark scripts. measure NAME COMMAND...: $RUNS timed runs of COMMAND (wall median, user and sys of
# the last run, largest peak resident set of any run) appended as "NAME wall user sys maxrss_kib" to $TIMES.
measure() {
  local name=$1; shift
  local walls=() rss=0 user=0 sys=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$W/one.txt" "$@" >/dev/null 2>"$W/stderr.txt" || { cat "$W/stderr.txt" >&2; exit 1; }
    read -r e u s m < "$W/one.txt"
    walls+=("$e"); user=$u; sys=$s; [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name $median $user $sys $rss" >> "$TIMES"
  echo "$name: ${median}s, peak ${rss} KiB" >&2
}
