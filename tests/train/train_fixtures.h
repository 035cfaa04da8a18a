#pragma once
// Notes for the training tests: synthetic harmonic tones with exact pitch labels (no data
// needed) and real NSynth notes from ../shared/data/nsynth, loaded the way `nsynth train` loads
// them.

#include "mulaw.h"
#include "random.h"
#include "test_support.h"
#include "training_data.h"
#include "training_sources.h"

#include <cmath>
#include <string>
#include <vector>

namespace nsynth::test {

// A decaying harmonic tone at MIDI `pitch`, 16 kHz, with a little noise from `seed`.
inline std::vector<float> toneAudio(int pitch, int64_t samples, uint64_t seed, double amplitude = 0.6)
{
    SplitMix64 rng(seed);
    const double f0 = 440.0 * std::pow(2.0, (pitch - 69) / 12.0);
    std::vector<float> audio(static_cast<size_t>(samples));
    for (int64_t t = 0; t < samples; ++t) {
        double x = 0;
        for (int h = 1; h <= 5; ++h)
            if (f0 * h < 7000)
                x += amplitude / h * std::sin(2 * M_PI * f0 * h * double(t) / 16000.0 + 0.3 * h);
        x *= std::exp(-double(t) / 40000.0);
        x += 0.01 * (2.0 * rng.uniform01() - 1.0);
        audio[size_t(t)] = float(std::clamp(x, -0.99, 0.99));
    }
    return audio;
}

inline TrainingNote toneNote(const std::string& instrument, int pitch, int64_t samples, uint64_t seed)
{
    TrainingNote n;
    n.instrument = instrument;
    n.name = instrument + "_" + std::to_string(pitch);
    n.origin = "synthetic:" + n.name;
    n.pitch = pitch;
    n.velocity = 100;
    const auto audio = toneAudio(pitch, samples, seed);
    n.classes = audioToClasses(audio.data(), samples);
    return n;
}

// A real NSynth note (../shared/data/nsynth/<file>) as the trainer sees it.
inline TrainingNote realNote(const QString& file)
{
    app::DataSpec spec;
    const auto notes = app::loadNotesFrom(testDataDir() + "/nsynth/" + file, spec, false, {});
    if (notes.size() != 1)
        qFatal("expected one note in %s", qPrintable(file));
    return notes.front();
}

} // namespace nsynth::test
