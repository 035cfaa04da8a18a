#pragma once
// The up-front estimate of a grid job: the work (notes, samples, decoder steps) and the time it
// takes on this machine, from the decoder's speed measured with the job's own model, batch size
// and a real blended embedding.

#include <QJsonObject>

#include <cstdint>

namespace nsynth {
struct Model;
struct Embedding;
}

namespace nsynth::app {

struct GridSpeed {
    double decoderSamplesPerSecond = 0;  // all rows of a batch of `batch` together
    int batch = 0;
    int threads = 0;
    double encoderRealTime = 0;          // seconds of audio encoded per second (0: not measured)
    double measuredSeconds = 0;
};

// Steps the decoder with `batch` rows conditioned on frame0's first frame, feeding back sampled
// classes as generation does: at least 8 steps, then until about `minSeconds` have passed (at
// most 16 frames of steps).
GridSpeed measureDecoderSpeed(const Model& model, const Embedding& frame0, int batch, int pitch, double minSeconds = 0.5);

struct GridWork {
    int64_t notes = 0;
    int64_t samplesPerNote = 0;
    int64_t batches = 0;
    int batchSize = 0;
    int shards = 1;
    int64_t largestShardNotes = 0;
    int64_t notesToEncode = 0;
    double encodeAudioSeconds = 0;  // audio the plan still has to encode
    int64_t samples() const { return notes * samplesPerNote; }
};

// {"notes", "samples", "batches", "batch_size", "decoder_steps", "shards", "largest_shard_notes",
//  "speed": {...}, "seconds": {"encode", "decode", "decode_per_shard", "total"}, "text"}; without a
// speed (not measured) the seconds are absent.
QJsonObject gridEstimateJson(const GridWork& work, const GridSpeed* speed);

} // namespace nsynth::app
