#!/usr/bin/env bash
# Runs each cargo-fuzz target of recto for SECONDS (default 60): `bash fuzz/run.sh [SECONDS]`.
# Installs the nightly toolchain and cargo-fuzz when they are missing. Exits non-zero when
# a target crashes (the input is kept in fuzz/artifacts/TARGET/); exits 0, saying why, when
# nightly or cargo-fuzz cannot be installed, so CI without them still passes.
set -uo pipefail
seconds="${1:-60}"
case "$seconds" in
  '' | *[!0-9]*) echo "usage: bash fuzz/run.sh [SECONDS]" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
cd "$here"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: installing the nightly toolchain (cargo-fuzz needs it)"
  if ! rustup toolchain install nightly --profile minimal; then
    echo "fuzz: skipped: the nightly toolchain could not be installed (no network or no rustup?)"
    exit 0
  fi
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  if ! cargo +nightly install cargo-fuzz --locked && ! cargo install cargo-fuzz; then
    echo "fuzz: skipped: cargo-fuzz could not be installed (no network?)"
    exit 0
  fi
fi

# Seeds, made afresh from the repository's own files; new inputs go to fuzz/corpus/TARGET.
seeds="$here/target/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{front_matter,render,snippet,import}
n=0
for file in "$repo"/content/documents/*.md "$repo"/content/persons/*.md "$repo"/content/pages/*.md "$repo"/content/edition.yaml; do
  [ -f "$file" ] || continue
  n=$((n + 1))
  # The first byte picks what the file is read as: 0 document, 1 person, 2 page, 3 settings.
  for kind in 0 1 2 3; do
    { printf "\\x0$kind"; cat "$file"; } > "$seeds/front_matter/$n-$kind"
  done
  { printf '\x00'; sed '1,/^---$/d' "$file"; } > "$seeds/render/$n"
  { printf '\x50\x00\x0b\x00'; sed '1,/^---$/d' "$file" | head -c 4000; } > "$seeds/snippet/$n"
done
for file in "$repo"/content/sources/* "$repo"/tests/fixtures/import/edition/content/sources/*; do
  [ -f "$file" ] && cp "$file" "$seeds/import/$(basename "$file")"
done

echo "fuzz: building the targets (nightly, with the address sanitizer)"
if ! cargo +nightly fuzz build; then
  echo "fuzz: the targets do not build" >&2
  exit 1
fi

failed=()
for target in front_matter render snippet import; do
  dict="$here/dicts/text.dict"
  [ "$target" = import ] && dict="$here/dicts/import.dict"
  mkdir -p "$here/corpus/$target"
  echo "== fuzz $target for ${seconds}s"
  # -timeout: one input taking over 10 s is a hang and counts as a crash.
  if ! cargo +nightly fuzz run "$target" "$here/corpus/$target" "$seeds/$target" -- \
      -max_total_time="$seconds" -timeout=10 -dict="$dict" -max_len=65536 -print_final_stats=1; then
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}; the inputs are in fuzz/artifacts/<target>/" >&2
  echo "fuzz: reproduce with: cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>" >&2
  exit 1
fi
echo "fuzz: no crash (4 targets, ${seconds}s each)"
