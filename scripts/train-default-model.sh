#!/usr/bin/env bash
# Reproduces the workbench's default model (resources/models/default.safetensors) and its demo
# material (resources/demo/) from the real notes in ../shared/data, with the project's own
# trainer. One command:
#
#   scripts/train-default-model.sh            # prepare, train (resumes if interrupted), export, demo
#   scripts/train-default-model.sh STAGE...   # only some of: prepare train export demo
#
# Environment: NSYNTH (the nsynth binary; default build-train/app/nsynth), NSYNTH_TEST_DATA (the
# data; default ../shared/data), WORK (scratch folder, git-ignored; default build-train/default-model),
# THREADS (training threads; default 1: on a shared machine one thread is faster than two
# fighting for the cores). Every long step runs under `nice -n 19`.
# What it does and why: docs/default-model.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
nsynth="${NSYNTH:-$root/build-train/app/nsynth}"
data="${NSYNTH_TEST_DATA:-$root/../shared/data}"
work="${WORK:-$root/build-train/default-model}"
threads="${THREADS:-1}"
model="$root/resources/models/default.safetensors"
demo="$root/resources/demo"
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(prepare train export demo)

[ -x "$nsynth" ] || { echo "train-default-model: $nsynth not found; build it first:" >&2
  echo "  cmake -S . -B build-train -G Ninja -DCMAKE_BUILD_TYPE=Release -DNSYNTH_GUI=OFF && ninja -C build-train nsynth" >&2
  exit 1; }
[ -f "$data/instruments/notes.json" ] || { echo "train-default-model: $data/instruments/notes.json not found (set NSYNTH_TEST_DATA)" >&2; exit 1; }
command -v python3 > /dev/null || { echo "train-default-model: python3 is needed to read notes.json" >&2; exit 1; }

# Held-out instruments (by the names the prepare stage gives them; see $work/instruments.tsv):
# about 14% of the notes, spread over families, none of them a demo instrument.
held_out_descriptions=(
  'alto saxophone (Karoryfer Weresax)'
  'FM synthesized electric piano (DX7 "E.Piano 1" imitation, rendered with Hexter)'
  'erhu (Chinese two-string fiddle), staccato'
  'electric guitar (Emilyguitar)'
  'sitar'
  'glockenspiel'
  'NSynth brass_acoustic_011'
  'NSynth flute_synthetic_000'
  'NSynth organ_electronic_001'
  'NSynth vocal_acoustic_003'
)

# The recipe (docs/default-model.md explains each choice).
train_args=(
  --preset workbench-w32 --pitch-conditioning
  --augment-transpose -3:3
  --steps 6000 --batch-size 4 --crop-margin 1
  --lr-schedule 0:1e-3,4000:5e-4,5200:2.5e-4
  --seed 1
  --validate-every 500 --validation-crops 2
  --checkpoint-every 250 --checkpoint-minutes 10 --log-every 10
  --max-minutes 225
)

prepare() {
  # Symbolic links to the original files, renamed in NSynth's scheme
  # <family>_<source>_<NNN>-<pitch>-<velocity>.<ext> so that the trainer reads every label from
  # the name. NSynth notes keep their own names; every other instrument gets an index from 900 up.
  # Nothing is copied or converted here; the trainer resamples and conforms on reading.
  rm -rf "$work/notes"
  mkdir -p "$work/notes"
  python3 - "$data" "$work" <<'PY'
import json, os, re, sys
data, work = sys.argv[1], sys.argv[2]
notes = json.load(open(os.path.join(data, "instruments", "notes.json")))
# Sources the notes.json leaves open (SOURCES.md: weresax is an alto saxophone; tonejs piano and
# Iowa guitar are acoustic recordings, the Karoryfer guitar is electric).
fallback_source = {"karoryfer-weresax": "acoustic", "tonejs-via-lofi-player/piano": "acoustic",
                   "tonejs-via-lofi-player/guitar-acoustic": "acoustic",
                   "tonejs-via-lofi-player/guitar-electric": "electronic"}

def velocity(text):
    m = re.match(r"velocity (\d+)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"velocity range (\d+)-(\d+)", text)
    if m:
        return (int(m.group(1)) + int(m.group(2))) // 2
    return 75

index, used, rows = {}, set(), []
next_index = 900
for n in sorted(notes, key=lambda n: n["path"]):
    family = n["family"]
    source = n.get("source_type")
    if source is None:
        source = next(v for k, v in fallback_source.items() if n["path"].startswith(k))
    m = re.match(r"NSynth (\w+)_(acoustic|electronic|synthetic)_(\d{3})$", n["instrument"])
    if m:
        instrument = "%s_%s_%s" % (m.group(1), m.group(2), m.group(3))
    else:
        key = (n["instrument"], family, source)
        if key not in index:
            index[key] = next_index
            next_index += 1
        instrument = "%s_%s_%03d" % (family, source, index[key])
    pitch, vel = int(round(n["midi_pitch"])), velocity(n["velocity_or_dynamic"])
    while (instrument, pitch, vel) in used:  # two takes of one note: keep both, apart by velocity
        vel += 1
    used.add((instrument, pitch, vel))
    ext = os.path.splitext(n["path"])[1].lower()
    name = "%s-%03d-%03d%s" % (instrument, pitch, vel, ext)
    os.symlink(os.path.join(data, "instruments", n["path"]), os.path.join(work, "notes", name))
    rows.append((instrument, n["instrument"], n["path"], n["licence"]))
# The real NSynth dataset notes, under their own names.
for f in sorted(os.listdir(os.path.join(data, "nsynth"))):
    if f.endswith(".wav"):
        os.symlink(os.path.join(data, "nsynth", f), os.path.join(work, "notes", f))
        rows.append((f[:f.index("-")], "NSynth " + f[:f.index("-")], "nsynth/" + f, "CC BY 4.0 (NSynth)"))
with open(os.path.join(work, "instruments.tsv"), "w") as out:
    out.write("instrument\tdescription\tsource file\tlicence\n")
    for r in rows:
        out.write("\t".join(r) + "\n")
PY
  echo "prepare: $(ls "$work/notes" | wc -l) notes linked in $work/notes (labels in $work/instruments.tsv)"
}

held_out_names() {
  local names=() d
  for d in "${held_out_descriptions[@]}"; do
    names+=("$(awk -F'\t' -v d="$d" '$2 == d { print $1; exit }' "$work/instruments.tsv")")
  done
  (IFS=,; echo "${names[*]}")
}

train() {
  if [ -f "$work/run/run.json" ]; then
    nice -n 19 "$nsynth" train --resume "$work/run" --threads "$threads" --progress plain
  else
    nice -n 19 "$nsynth" train --data "$work/notes" --valid-instruments "$(held_out_names)" \
      "${train_args[@]}" --threads "$threads" --progress plain -o "$work/run"
  fi
}

export_model() {
  mkdir -p "$(dirname "$model")"
  nice -n 19 "$nsynth" export "$work/run" -o "$model" --weights ema \
    --name "NSynth Workbench default model" \
    --description "A small pitch-conditioned NSynth WaveNet autoencoder (workbench-w32) trained on CPU with nsynth train on 180 real single-note recordings (78 instruments), so the workbench works out of the box. Far smaller and less trained than Magenta's released model; see docs/default-model.md." \
    --credits "$root/resources/models/CREDITS.md" \
    --evaluate --eval-max-notes 60 --eval-report "$work/evaluation.json" --card "$work/model-card.json" \
    --threads 2 --progress plain
}

demo() {
  # Four demo instruments at the workshop pitches 24..48 step 4, each from a nearby recorded note
  # transposed by resampling (conformed at 16000 * 2^(-k/12) Hz, then read as 16 kHz: k
  # semitones up), conformed like workshop notes, encoded with the default model, and decoded
  # (pitch-conditioned: the target pitch). Only the embeddings and the decoded notes are kept;
  # resources/demo/CREDITS.md lists every source file and shift.
  local tr="$work/demo-transposed" notes="$work/demo-notes" scratch="$work/demo-scratch"
  rm -rf "$tr" "$notes" "$scratch" "$demo"
  mkdir -p "$tr" "$notes" "$scratch" "$demo/embeddings" "$demo/notes"
  # instrument  target-pitch  source-pitch  source file (relative to instruments/)
  local table="$work/demo-table.tsv"
  cat > "$table" <<'TSV'
piano	24	23	splendid-grand-piano/PP B-1.flac
piano	28	31	splendid-grand-piano/Mf G0.flac
piano	32	31	splendid-grand-piano/Mf G0.flac
piano	36	37	splendid-grand-piano/FF C#1.flac
piano	40	41	splendid-grand-piano/Mp F1.flac
piano	44	47	splendid-grand-piano/PP B1.flac
piano	48	47	splendid-grand-piano/PP B1.flac
tuba	24	29	karoryfer-war-tuba/f0_sus_cnd.wav
tuba	28	29	karoryfer-war-tuba/f0_sus_cnd.wav
tuba	32	33	karoryfer-war-tuba/a0_s_vl4_rr1_cnd.wav
tuba	36	38	karoryfer-war-tuba/d1_s_vl2_rr1_cnd.wav
tuba	40	38	karoryfer-war-tuba/d1_s_vl2_rr1_cnd.wav
tuba	44	42	karoryfer-war-tuba/gb1_sus_cnd.wav
tuba	48	46	karoryfer-war-tuba/bb1_s_vl1_rr1_cnd.wav
guitar	24	31	freepats-spanish-classical-guitar/G1.flac
guitar	28	31	freepats-spanish-classical-guitar/G1.flac
guitar	32	31	freepats-spanish-classical-guitar/G1.flac
guitar	36	40	freepats-spanish-classical-guitar/E2.flac
guitar	40	40	freepats-spanish-classical-guitar/E2.flac
guitar	44	40	freepats-spanish-classical-guitar/E2.flac
guitar	48	55	freepats-spanish-classical-guitar/G3.flac
bassoon	24	35	ethanwiner-soundfonts/Bassoon mp B0.flac
bassoon	28	35	ethanwiner-soundfonts/Bassoon mp B0.flac
bassoon	32	35	ethanwiner-soundfonts/Bassoon mp B0.flac
bassoon	36	35	ethanwiner-soundfonts/Bassoon mp B0.flac
bassoon	40	43	ethanwiner-soundfonts/Bassoon mf G1.flac
bassoon	44	43	ethanwiner-soundfonts/Bassoon mf G1.flac
bassoon	48	49	ethanwiner-soundfonts/Bassoon mp C#2.flac
TSV
  local instrument target source file shift rate
  while IFS=$'\t' read -r instrument target source file; do
    shift=$((target - source))
    rate=$(python3 -c "print(round(16000 * 2 ** (-$shift / 12)))")
    rm -rf "$scratch"/*
    "$nsynth" conform --progress none --rate "$rate" --length 64000 --instrument "$instrument" --pitch "$source" \
      -o "$scratch" "$data/instruments/$file" > /dev/null
    # Same samples, declared 16 kHz: the note moves by `shift` semitones.
    python3 - "$scratch/${instrument}_${source}.wav" "$tr/${instrument}_${target}.wav" <<'PY'
import sys, wave
with wave.open(sys.argv[1]) as r:
    params, frames = r.getparams(), r.readframes(r.getnframes())
with wave.open(sys.argv[2], "wb") as w:
    w.setparams(params._replace(framerate=16000))
    w.writeframes(frames)
PY
  done < "$table"
  "$nsynth" conform --progress none -o "$notes" "$tr"
  nice -n 19 "$nsynth" encode --progress none --model "$model" -o "$demo/embeddings" "$notes"
  nice -n 19 "$nsynth" decode --progress none --model "$model" --seed 1 --batch-size 28 \
    -o "$demo/notes" "$demo/embeddings"
  # Credits: every source file, its licence and the shift.
  python3 - "$data" "$table" "$demo/CREDITS.md" <<'PY'
import json, os, sys
data, table, out = sys.argv[1:4]
notes = {n["path"]: n for n in json.load(open(os.path.join(data, "instruments", "notes.json")))}
rows = [line.rstrip("\n").split("\t") for line in open(table) if line.strip()]
with open(out, "w") as f:
    f.write("# Demo material: sources and credits\n\n"
            "Derived data, produced by `scripts/train-default-model.sh demo` (docs/default-model.md).\n"
            "`embeddings/<instrument>_<pitch>.npy` are the default model's embeddings ([125, 16] float32)\n"
            "of the notes below; `notes/<instrument>_<pitch>.wav` are those embeddings decoded by the\n"
            "default model (seed 1, temperature 1, the target pitch as its pitch input). Each source\n"
            "note was transposed by resampling to the target pitch and conformed (16 kHz, 16-bit,\n"
            "64000 samples from the onset) first. No original recording is stored in the project.\n\n"
            "| demo note | source pitch | shift (semitones) | source file (../shared/data/instruments/) | instrument | licence |\n"
            "|---|---|---|---|---|---|\n")
    for instrument, target, source, path in rows:
        n = notes[path]
        f.write("| %s_%s | %s | %+d | %s | %s | %s |\n" % (instrument, target, source, int(target) - int(source),
                                                          path, n["instrument"], n["licence"]))
PY
  echo "demo: $(ls "$demo/notes" | wc -l) decoded notes and $(ls "$demo/embeddings" | wc -l) embeddings in $demo"
}

for stage in "${stages[@]}"; do
  case "$stage" in
    prepare) prepare ;;
    train) train ;;
    export) export_model ;;
    demo) demo ;;
    *) echo "train-default-model: unknown stage $stage (prepare, train, export, demo)" >&2; exit 2 ;;
  esac
done
