#include "weights.h"

#include "error.h"

namespace nsynth {

std::string shapeToString(const Shape& shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ',';
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

int64_t shapeElements(const Shape& shape)
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

Tensor::Tensor(Shape s, std::vector<float> values) : shape(std::move(s)), data(std::move(values))
{
    if (int64_t(data.size()) != shapeElements(shape))
        throw Error("tensor of shape " + shapeToString(shape) + " given " +
                    std::to_string(data.size()) + " values");
}

Tensor::Tensor(Shape s) : shape(std::move(s)), data(size_t(shapeElements(shape)), 0.0f) {}

const Tensor& WeightStore::at(const std::string& name) const
{
    auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw Error("tensor " + name + " is missing");
    return it->second;
}

Tensor& WeightStore::at(const std::string& name)
{
    auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw Error("tensor " + name + " is missing");
    return it->second;
}

std::vector<std::string> WeightStore::names() const
{
    std::vector<std::string> out;
    out.reserve(m_tensors.size());
    for (const auto& [name, t] : m_tensors)
        out.push_back(name);
    return out;
}

int64_t WeightStore::totalElements() const
{
    int64_t n = 0;
    for (const auto& [name, t] : m_tensors)
        n += t.elements();
    return n;
}

} // namespace nsynth
