#include "grid_speed.h"

#include "fast_decoder.h"
#include "gemm.h"
#include "model_file.h"
#include "progress.h"
#include "mulaw.h"
#include "npy.h"
#include "random.h"
#include "sampling.h"

#include <algorithm>
#include <chrono>

namespace nsynth::app {

GridSpeed measureDecoderSpeed(const Model& model, const Embedding& frame0, int batch, int pitch, double minSeconds)
{
    // Steps the decoder directly (not whole notes) so the measurement stays short even for a
    // large model on a slow machine: at least 8 steps, then until minSeconds or 16 frames.
    const auto& c = model.config;
    FastDecoder decoder(model, batch, 1);
    decoder.reset(batch);
    std::vector<float> frames(size_t(batch) * size_t(c.bottleneckWidth));
    for (int b = 0; b < batch; ++b)
        std::copy_n(frame0.data.data(), c.bottleneckWidth, frames.data() + size_t(b) * size_t(c.bottleneckWidth));
    std::vector<int> pitches(static_cast<size_t>(batch), pitch);
    decoder.setConditioning(frames.data(), c.pitch.enabled ? pitches.data() : nullptr);
    std::vector<float> input(static_cast<size_t>(batch), 0.0f);
    std::vector<float> logits(size_t(batch) * size_t(c.quantizationChannels));
    uint64_t key = 1;
    auto step = [&](int64_t t) {
        decoder.advance(input.data(), 1, logits.data());
        // Sampled feedback, as in generation (random.h streams; the values do not matter here).
        for (int b = 0; b < batch; ++b) {
            const int k = sampleClass(logits.data() + size_t(b) * size_t(c.quantizationChannels),
                                      c.quantizationChannels, 1.0f, uniformForStep(key + uint64_t(b), uint64_t(t)));
            input[size_t(b)] = mulaw::classToInput(k);
        }
    };
    step(0);
    step(1);  // warm-up
    const auto t0 = std::chrono::steady_clock::now();
    double seconds = 0;
    int64_t steps = 0;
    while (steps < 8 || (seconds < minSeconds && steps < 16 * int64_t(c.hopLength))) {
        step(2 + steps);
        ++steps;
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    GridSpeed s;
    s.batch = batch;
    s.threads = computeThreads();
    s.decoderSamplesPerSecond = double(steps) * batch / seconds;
    s.measuredSeconds = seconds;
    return s;
}

QJsonObject gridEstimateJson(const GridWork& w, const GridSpeed* speed)
{
    QJsonObject o{{"notes", qint64(w.notes)},
                  {"samples_per_note", qint64(w.samplesPerNote)},
                  {"samples", qint64(w.samples())},
                  {"batches", qint64(w.batches)},
                  {"batch_size", w.batchSize},
                  // Sequential decoder steps: every batch takes samplesPerNote steps.
                  {"decoder_steps", qint64(w.batches * w.samplesPerNote)},
                  {"shards", w.shards},
                  {"largest_shard_notes", qint64(w.largestShardNotes)},
                  {"notes_to_encode", qint64(w.notesToEncode)}};
    if (!speed || speed->decoderSamplesPerSecond <= 0) {
        o["text"] = QString("%1 notes, %2 samples; time not measured").arg(w.notes).arg(w.samples());
        return o;
    }
    const double decode = double(w.samples()) / speed->decoderSamplesPerSecond;
    const double perShard = double(w.largestShardNotes * w.samplesPerNote) / speed->decoderSamplesPerSecond;
    const double encode =
        speed->encoderRealTime > 0 ? w.encodeAudioSeconds / speed->encoderRealTime : 0.0;
    o["speed"] = QJsonObject{{"decoder_samples_per_s", speed->decoderSamplesPerSecond},
                             {"batch", speed->batch},
                             {"threads", speed->threads},
                             {"encoder_x_real_time", speed->encoderRealTime},
                             {"measured_s", speed->measuredSeconds}};
    o["seconds"] = QJsonObject{{"encode", encode},
                               {"decode", decode},
                               {"decode_per_shard", perShard},
                               {"total", encode + decode}};
    QString text = QString("%1 notes, %2 samples in %3 batches of %4: about %5 of decoding here (%6 samples/s)")
                       .arg(w.notes)
                       .arg(w.samples())
                       .arg(w.batches)
                       .arg(w.batchSize)
                       .arg(ProgressReporter::formatDuration(decode))
                       .arg(speed->decoderSamplesPerSecond, 0, 'f', 0);
    if (w.shards > 1)
        text += QString(", about %1 per shard on %2 shards of this speed")
                    .arg(ProgressReporter::formatDuration(perShard))
                    .arg(w.shards);
    o["text"] = text;
    return o;
}

} // namespace nsynth::app
