// SIMD vectors over 2 x 2 windows, for the max pool, the fused batch norm -> ReLU -> pool
// (norm_relu.h) and the Winograd convolution's 2 x 2 tiles (winograd.h): a pair of input rows is
// loaded as whole vectors, split into even and odd columns by shuffles (the windows' four
// positions, `lanes` windows at a time), worked on, and woven back.
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
  static F select(I mask, F a, F b) {  // a where mask, else b (bit for bit)
    return reinterpret_cast<F>((reinterpret_cast<I>(a) & mask) | (reinterpret_cast<I>(b) & ~mask));
  }
  static F max(F a, F b) { return a < b ? b : a; }  // as std::max(a, b); one instruction (WebAssembly's pmax)

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

  // The even and the odd lanes of lo:hi (2 * lanes values); weave<h> is lanes [h, h + lanes / 2)
  // of e and o, alternating: e[h], o[h], e[h + 1], ... (the inverse, half by half).
  static F evens(F lo, F hi) { return evens(lo, hi, kSeq); }
  static F odds(F lo, F hi) { return odds(lo, hi, kSeq); }
  template <int half>
  static F weave(F e, F o) {
    return weave<half>(e, o, kSeq);
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

// The widest vectors of float the target has natively: 8 with AVX; 4 with SSE, NEON and
// WebAssembly's SIMD128 (wider ones would be split in two, their shuffles into several).
#if defined(__AVX__)
inline constexpr int kWidestWindowLanes = 8;
#else
inline constexpr int kWidestWindowLanes = 4;
#endif

// Calls step(lanes_tag, ox) over windows [0, n) with the widest vectors that fit (8 where native,
// then 4), then once per remaining window as `scalar(ox)`. No window twice.
template <typename Step, typename Scalar>
void for_window_vectors(int n, const Step& step, const Scalar& scalar) {
  int ox = 0;
  if constexpr (kWidestWindowLanes >= 8)
    for (; ox + 8 <= n; ox += 8) step(WindowLanes<8>(), ox);
  for (; ox + 4 <= n; ox += 4) step(WindowLanes<4>(), ox);
  for (; ox < n; ++ox) scalar(ox);
}

}  // namespace celab::nn
