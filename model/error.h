#pragma once
// The one error type of the project's libraries. Its message is what the user sees: one line
// that names the thing (file, tensor, option) and the problem, e.g.
//   "model.safetensors: tensor dilatedconv_7/W has shape [1,3,512,512], expected [1,3,512,1024]".
// The command line prints it and exits non-zero; the GUI shows it in a dialog or badge.

#include <stdexcept>
#include <string>

namespace nsynth {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace nsynth

namespace nsynth {

// Thrown when long work stops because the user cancelled it (not an error to report as such).
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace nsynth
