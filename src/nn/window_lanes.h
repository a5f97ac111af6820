// SIMD vectors over 2 x 2 windows, for the max pool and the fused batch norm -> ReLU -> pool
// (norm_relu.h): a pair of input rows is loaded as whole vectors, split into even and odd columns
// by shuffles (the windows' four positions, `lanes` windows at a time), worked on, and woven back.
// GCC/Clang vector types: AVX natively, SIMD128 in WebAssembly.
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>

namespace celab::nn {

template <int lanes>
struct WindowLanes {
  static constexpr int kLanes = lanes;
  typedef float F __attribute__((vector_size(lanes * sizeof(float))));
  typedef int32_t I __attribute__((vector_size(lanes * sizeof(float))));
  static constexpr auto kSeq = std::make_index_sequence<lanes>();

  static F load(const float* p) {
    F v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static void store(float* p, F v) { std::memcpy(p, &v, sizeof v); }
  static F splat(float s) { return splat(s, kSeq); }
  static F keep(F v, I mask) { return reinterpret_cast<F>(reinterpret_cast<I>(v) & mask); }  // v where mask, else 0
  static F select(I mask, F a, F b) { return keep(a, mask) + keep(b, ~mask); }              // a where mask, else b
  static F max(F a, F b) { return select(a < b, b, a); }                                    // as std::max(a, b)

  // Positions (0, 0), (0, 1), (1, 0), (1, 1) of windows [ox, ox + lanes) of rows r0 and r1.
  struct Windows {
    F p[4];
  };
  static Windows windows(const float* r0, const float* r1, int ox) {
    const F lo0 = load(r0 + 2 * ox), hi0 = load(r0 + 2 * ox + lanes);
    const F lo1 = load(r1 + 2 * ox), hi1 = load(r1 + 2 * ox + lanes);
    return {{evens(lo0, hi0, kSeq), odds(lo0, hi0, kSeq), evens(lo1, hi1, kSeq), odds(lo1, hi1, kSeq)}};
  }
  // The inverse: the four positions back into rows r0 and r1.
  static void store_windows(float* r0, float* r1, int ox, const Windows& w) {
    store(r0 + 2 * ox, weave<0>(w.p[0], w.p[1], kSeq));
    store(r0 + 2 * ox + lanes, weave<lanes / 2>(w.p[0], w.p[1], kSeq));
    store(r1 + 2 * ox, weave<0>(w.p[2], w.p[3], kSeq));
    store(r1 + 2 * ox + lanes, weave<lanes / 2>(w.p[2], w.p[3], kSeq));
  }

 private:
  template <size_t... i>
  static F splat(float s, std::index_sequence<i...>) {
    return F{((void)i, s)...};
  }
  template <size_t... i>
  static F evens(F lo, F hi, std::index_sequence<i...>) {
    return __builtin_shufflevector(lo, hi, static_cast<int>(2 * i)...);
  }
  template <size_t... i>
  static F odds(F lo, F hi, std::index_sequence<i...>) {
    return __builtin_shufflevector(lo, hi, static_cast<int>(2 * i + 1)...);
  }
  // Lanes [half, half + lanes / 2) of e and o, alternating: e[half], o[half], e[half + 1], ...
  template <int half, size_t... i>
  static F weave(F e, F o, std::index_sequence<i...>) {
    return __builtin_shufflevector(e, o, static_cast<int>(i % 2 ? lanes + half + i / 2 : half + i / 2)...);
  }
};

// Calls step(lanes_tag, ox) over windows [0, n) with the widest vectors that fit (8, then 4), then
// once per remaining window with lanes 1 handled by the caller as `scalar(ox)`. No window twice.
template <typename Step, typename Scalar>
void for_window_vectors(int n, const Step& step, const Scalar& scalar) {
  int ox = 0;
  for (; ox + 8 <= n; ox += 8) step(WindowLanes<8>(), ox);
  for (; ox + 4 <= n; ox += 4) step(WindowLanes<4>(), ox);
  for (; ox < n; ++ox) scalar(ox);
}

}  // namespace celab::nn
