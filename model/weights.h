#pragma once
// A named set of float32 tensors in TensorFlow's layout: conv kernels are [1, taps, in, out],
// row-major, so kernel tap k is the [in, out] matrix at offset k*in*out (nsynth-model.md
// section 3.1). Names are Magenta's ("dilatedconv_7/W", "cond_map_7/biases", ...).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nsynth {

using Shape = std::vector<int64_t>;

std::string shapeToString(const Shape& shape);  // "[1,3,512,1024]"
int64_t shapeElements(const Shape& shape);

struct Tensor {
    Shape shape;
    std::vector<float> data;  // row-major, shapeElements(shape) values

    Tensor() = default;
    Tensor(Shape s, std::vector<float> values);
    explicit Tensor(Shape s);  // zero-filled
    int64_t elements() const { return int64_t(data.size()); }
};

class WeightStore {
public:
    bool contains(const std::string& name) const { return m_tensors.count(name) != 0; }
    // Throws Error("tensor <name> is missing") when absent.
    const Tensor& at(const std::string& name) const;
    Tensor& at(const std::string& name);
    void set(const std::string& name, Tensor tensor) { m_tensors[name] = std::move(tensor); }
    void erase(const std::string& name) { m_tensors.erase(name); }
    std::vector<std::string> names() const;  // sorted
    size_t size() const { return m_tensors.size(); }
    int64_t totalElements() const;
    const std::map<std::string, Tensor>& all() const { return m_tensors; }

private:
    std::map<std::string, Tensor> m_tensors;
};

} // namespace nsynth
