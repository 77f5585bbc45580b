#!/usr/bin/env bash
# Scale benchmark: wall time and peak memory of redlines' commands on the
# built-in data and on two synthetic talks, next to the floor (reading and
# parsing the same files into toml::Table with the toml crate alone,
# examples/floor.rs), measured in the same run.
#
#   benches/run.sh              # all sizes, 7 runs each (median)
#   RUNS=3 benches/run.sh small # only some sizes: builtin, small, large, wide, linked, long
#                               # (linked: large with conditions, linkages
#                               # and proposals, for the package search;
#                               # wide: large with 400 parties)
#   FORMATS="table json" benches/run.sh large   # the formats to run (default: all five)
#   COMMANDS="diff report" benches/run.sh large  # only these commands
#
# `long` is not a size but a text: one summary that is a single word of
# 2 and 4 MiB (Latin letters, then Chinese), drawn by `show` as a table at
# 100 columns and as JSON.
#
# Each command's time is the median of runs paired with runs of the floor
# (floor, command, floor, command…), and its ratio is to the floor of its
# own row. Memory is the peak of one run, against the floor's peak; the
# last column is what the command wrote (stdout, or the workbook).
#
# Not a test: timings depend on the machine. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-7}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(builtin small large long)
work=target/bench

# GNU time reports the peak resident set (%M, in KiB) of the process it runs.
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    echo "installing GNU time for peak memory…" >&2
    apt-get install -y -qq time >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
fi

cargo build --release --quiet --bin redlines --example synth --example floor
bin=$PWD/target/release/redlines
synth=$PWD/target/release/examples/synth
floor=$PWD/target/release/examples/floor

# One size: a data folder (empty = built in), its talks folder for the floor.
declare -A data_dir talks_dir
mkdir -p "$work"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
data_dir[builtin]=""
talks_dir[builtin]=$PWD/data/euro-security-2022
for spec in "small 30 50 20" "large 200 100 40" "wide 400 100 40" "linked 200 100 40 --links"; do
    read -r name parties issues rounds links <<<"$spec"
    dir=$PWD/$work/$name-$parties-$issues-$rounds
    # Made afresh when the generator was built since (it may have changed).
    if [ ! -f "$dir/synth/talks.toml" ] || [ "$synth" -nt "$dir/synth/talks.toml" ]; then
        rm -rf "$dir"
        "$synth" --parties "$parties" --issues "$issues" --rounds "$rounds" --seed 1 $links "$dir/synth" 2>/dev/null
    fi
    data_dir[$name]=$dir
    talks_dir[$name]=$dir/synth
done

# timed CMD…: run CMD once, output dropped; print its wall time in ms.
timed() {
    local t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", (b - a) * 1000 }'
}

# median_ms CMD…: run CMD $runs times (after one warm-up), print the median in ms.
median_ms() {
    timed "$@" >/dev/null
    local times=()
    for _ in $(seq "$runs"); do times+=("$(timed "$@")"); done
    median "${times[@]}"
}

# paired_ms CMD…: run the floor and CMD in turn, $runs times each (after a
# warm-up of both); print CMD's median and the floor's median, in ms. Each
# command is timed against a floor measured beside it, so that a machine
# whose load drifts during the benchmark moves both alike.
paired_ms() {
    timed "$floor" "$talks" >/dev/null
    timed "$@" >/dev/null
    local cmd=() base=()
    for _ in $(seq "$runs"); do
        base+=("$(timed "$floor" "$talks")")
        cmd+=("$(timed "$@")")
    done
    echo "$(median "${cmd[@]}") $(median "${base[@]}")"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# peak_kib CMD…: the peak resident set of one run, in KiB, and the bytes it
# wrote to stdout.
peak_kib() {
    local out bytes
    out=$(mktemp)
    bytes=$({ /usr/bin/time -f %M -o "$out" "$@" 2>/dev/null || true; } | wc -c)
    echo "$(tail -1 "$out") $bytes"
    rm -f "$out"
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
ram=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $ram RAM; $(uname -sr)"
echo "redlines $("$bin" --version | cut -d' ' -f2), median of $runs runs after a warm-up; memory is the peak resident set"
echo "targets: ≤ 1.5 × the floor's time and ≤ 1.3 × its peak memory at the largest size, < 10 ms on the built-in data;"
echo "a table of a one-word 2 MiB summary in < 1 s, and 4 MiB in < 2.5 × that (linear)"
echo

# From an empty folder, so that no ./data is found and the built-in data is.
cd "$empty"
for size in "${sizes[@]}"; do
    [ "$size" != long ] || continue
    talks=${talks_dir[$size]:?unknown size $size (builtin, small, large, linked, long)}
    bytes=$(cat "$talks"/talks.toml "$talks"/rounds/*.toml | wc -c)
    files=$(($(ls "$talks"/rounds/*.toml | wc -l) + 1))
    if [ -n "${data_dir[$size]}" ]; then
        data=(--data "${data_dir[$size]}")
        label="$size: $(grep -m1 '^title' "$talks/talks.toml" | cut -d'"' -f2)"
    else
        data=()
        label="builtin: the curated dataset, built into the binary (the floor reads data/ on disk)"
    fi
    issue=$("$bin" "${data[@]}" list issues --format csv | sed -n 2p | cut -d, -f1)
    echo "## $label"
    echo "$files files, $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f MiB", b / 1048576 }'))"
    echo
    echo "| command | format | median ms | × floor | peak MiB | × floor | peak ÷ data | output MiB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    floor_ms=$(median_ms "$floor" "$talks")
    read -r floor_kib _ <<<"$(peak_kib "$floor" "$talks")"
    row() { # name format "ms floor-ms" "kib output-bytes"
        local ms f k out
        read -r ms f <<<"$3"
        read -r k out <<<"$4"
        awk -v n="$1" -v fmt="$2" -v ms="$ms" -v f="$f" -v k="$k" -v fk="$floor_kib" -v b="$bytes" -v o="$out" 'BEGIN {
            printf "| %s | %s | %.1f | %.2f | %.1f | %.2f | %.1f | %.1f |\n", n, fmt, ms, ms / f, k / 1024, k / fk, k * 1024 / b, o / 1048576 }'
    }
    row "floor: toml::Table" "" "$floor_ms $floor_ms" "$floor_kib 0"
    party=$("$bin" "${data[@]}" list parties --format csv | sed -n 2p | cut -d, -f1)
    other=$("$bin" "${data[@]}" list parties --format csv | sed -n 3p | cut -d, -f1)
    # Every command that reads the talks, in every format.
    cmds=("check" "list parties" "table" "show $party $issue" "explain $party $other $issue"
        "matrix" "matrix --by issue" "diff first latest" "diff first latest --stat" "history $issue"
        "trend" "proposals" "bridge" "trades" "report")
    [ "$size" = linked ] && cmds=("check" "proposals" "matrix --by issue" "bridge")
    if [ -n "${COMMANDS:-}" ]; then # only these commands (first words)
        kept=()
        for c in "${cmds[@]}"; do
            for w in $COMMANDS; do [ "${c%% *}" = "$w" ] && kept+=("$c"); done
        done
        cmds=("${kept[@]}")
    fi
    formats=(${FORMATS:-table markdown csv json xlsx})
    out=$(mktemp -d)
    for cmd in "${cmds[@]}"; do
        read -r -a args <<<"$cmd"
        if ! "$bin" "${args[0]}" --help >/dev/null 2>&1; then
            echo "| $cmd | | not available | | | | | |"
            continue
        fi
        for format in "${formats[@]}"; do
            case "$cmd:$format" in
            report:table) fmt=(--out -) ;; # one HTML page, whatever the format
            report:*) continue ;;
            check:xlsx) continue ;; # check prints no view
            *:xlsx) fmt=(--format xlsx --out "$out/out.xlsx" --force) ;;
            *) fmt=(--format "$format") ;;
            esac
            shown=$format
            [ "$cmd" = report ] && shown=html
            run=("$bin" --color never --width 100 "${data[@]}" "${fmt[@]}" "${args[@]}")
            if ! "${run[@]}" >/dev/null 2>&1; then
                code=$("${run[@]}" >/dev/null 2>&1 || echo $?)
                echo "| $cmd | $shown | failed (exit $code) | | | | | |"
                continue
            fi
            mem=$(peak_kib "${run[@]}")
            if [ "$format" = xlsx ]; then # the workbook's size, not stdout's
                mem="${mem% *} $(wc -c <"$out/out.xlsx")"
            fi
            row "$cmd" "$shown" "$(paired_ms "${run[@]}")" "$mem"
        done
    done
    rm -rf "$out"
    echo
done

# A summary that is one long word: wrapping it must cost its length, not
# its square (comfy-table alone took 4.4 s for 2 MiB, and 60 MB did not end).
if [[ " ${sizes[*]} " == *" long "* ]]; then
    long=$OLDPWD/$work/long
    echo "## long: one summary that is a single word"
    echo
    echo "| word | table ms | JSON ms | table peak MiB |"
    echo "|---|---:|---:|---:|"
    for spec in "latin 2" "latin 4" "chinese 2"; do
        read -r script mib <<<"$spec"
        rm -rf "$long" && mkdir -p "$long" && cp -r "$OLDPWD/tests/fixtures/data/harbour" "$long/"
        round=$long/harbour/rounds/2024-06-01-long.toml
        {
            printf 'date = 2024-06-01\ntitle = "Long"\n\n[[sources]]\nid = "s"\ntitle = "S"\n\n'
            printf '[positions.south.fishing-quota]\nstance = "closed"\nsource = "s"\nsummary = "'
            if [ "$script" = latin ]; then
                head -c $((mib << 20)) /dev/zero | tr '\0' z
            else
                awk -v n=$(((mib << 20) / 3)) 'BEGIN { for (i = 0; i < n; i++) printf "中" }'
            fi
            printf '"\n'
        } >"$round"
        run=("$bin" --color never --data "$long" show south fishing-quota)
        printf '| %s, %s MiB | %.1f | %.1f | %.1f |\n' "$script" "$mib" \
            "$(median_ms "${run[@]}" --width 100)" "$(median_ms "${run[@]}" --format json)" \
            "$(peak_kib "${run[@]}" --width 100 | awk '{ print $1 / 1024 }')"
    done
    rm -rf "$long"
    echo
fi
