// The inner loops of the row-wise blocks: max, exp, log and sums over a run of contiguous values.
//
// They walk a run in whole SIMD packets from its first value (unaligned loads), then what is left
// in one packet of each narrower width, then single values. Eigen's own loops instead step one by
// one up to the first aligned address, and its scalar and packet exp round differently, so their
// results would depend on where the data happens to sit in memory. Here they depend only on each
// value's index and the run's length: the same input gives the same bits in any buffer.
//
// A batch of rows with few classes (C = 10) is too short per row for the widest packets, so the
// blocks run exp over many rows at once (rows_as_runs) and only reduce row by row.
#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

#include "nn/eigen_types.h"

namespace celab::nn::kernels {

using Eigen::Index;

template <typename T, int Width>
using Lanes = Eigen::Array<T, Width, 1>;

template <typename T>
inline constexpr int kWidest = Eigen::internal::packet_traits<T>::size;

// Width values of `p` from index k, for any width including 1.
template <typename T, int Width>
EIGEN_ALWAYS_INLINE Eigen::Map<const Lanes<T, Width>> at(const T* p, Index k, Lanes<T, Width>) {
  return Eigen::Map<const Lanes<T, Width>>(p + k);
}

// After the widest packets: step(k, Lanes<T, W>()) once for each narrower W that still fits,
// then for every value left with W = 1. Advances k to n.
template <typename T, int Width, typename Step>
EIGEN_ALWAYS_INLINE void walk_tail(Index& k, Index n, const Step& step) {
  if constexpr (Width > 1) {
    if (k + Width <= n) {
      step(k, Lanes<T, Width>());
      k += Width;
    }
    walk_tail<T, Width / 2>(k, n, step);
  } else {
    for (; k < n; ++k) step(k, Lanes<T, 1>());
  }
}

// Reduces term(k, Lanes<T, W>()) over [0, n): `combine` merges packets coefficient-wise,
// `finish` turns a packet into one value and `fold` merges two values. `start` is where the fold
// begins when the run is shorter than one widest packet (0 for a sum, p[0] for a max).
template <typename T, typename Term, typename Combine, typename Finish, typename Fold>
EIGEN_ALWAYS_INLINE T reduce_run(Index n, const Term& term, const Combine& combine, const Finish& finish,
                                 const Fold& fold, T start) {
  constexpr int W = kWidest<T>;
  Index k = 0;
  T result = start;
  if (n >= W) {
    Lanes<T, W> partial = term(0, Lanes<T, W>());
    for (k = W; k + W <= n; k += W) partial = combine(partial, term(k, Lanes<T, W>()));
    result = finish(partial);
  }
  walk_tail<T, W / 2>(k, n, [&](Index j, auto lanes) {
    const decltype(lanes) part = term(j, lanes);
    result = fold(result, finish(part));
  });
  return result;
}

// sum_k term(k) for k < n, where term(k, Lanes<T, W>()) gives W values from k.
template <typename T, typename Term>
EIGEN_ALWAYS_INLINE T sum_run(Index n, const Term& term) {
  return reduce_run<T>(
      n, term, [](const auto& a, const auto& b) { return (a + b).eval(); }, [](const auto& a) { return a.sum(); },
      [](T a, T b) { return a + b; }, T(0));
}

// max_k p[k] for n > 0. NaN may or may not win: the blocks make a row holding NaN all NaN anyway.
template <typename T>
EIGEN_ALWAYS_INLINE T max_run(const T* p, Index n) {
  return reduce_run<T>(
      n, [&](Index k, auto lanes) { return at(p, k, lanes); },
      [](const auto& a, const auto& b) { return a.max(b).eval(); }, [](const auto& a) { return a.maxCoeff(); },
      [](T a, T b) { return b > a ? b : a; }, p[0]);
}

// sum_k a[k] * b[k] * c[k] (b, c may be null, meaning 1), multiplied in that order.
template <typename T>
EIGEN_ALWAYS_INLINE T product_sum(const T* a, const T* b, const T* c, Index n) {
  if (b && c) return sum_run<T>(n, [&](Index k, auto w) { return (at(a, k, w) * at(b, k, w) * at(c, k, w)).eval(); });
  if (b) return sum_run<T>(n, [&](Index k, auto w) { return (at(a, k, w) * at(b, k, w)).eval(); });
  return sum_run<T>(n, [&](Index k, auto w) { return at(a, k, w).eval(); });
}

// out[k] = f(in[k]) for k < n, f applied to whole packets by `apply`; `in` may be `out`.
template <typename T, typename Apply>
EIGEN_ALWAYS_INLINE void map_run(const T* in, T* out, Index n, const Apply& apply) {
  const auto step = [&](Index k, auto lanes) {
    Eigen::Map<std::remove_cv_t<decltype(lanes)>>(out + k) = apply(at(in, k, lanes));
  };
  constexpr int W = kWidest<T>;
  Index k = 0;
  for (; k + W <= n; k += W) step(k, Lanes<T, W>());
  walk_tail<T, W / 2>(k, n, step);
}

// out[k] = exp(in[k]). Results below the smallest normal number become 0: Eigen's packet exp
// clamps its input there and would give about 1e-38 (float) or 5e-309 (double) for exp(-10000).
template <typename T>
EIGEN_ALWAYS_INLINE void exp_run(const T* in, T* out, Index n) {
  map_run(in, out, n, [](const auto& x) { return x.exp(); });
  constexpr T smallest = std::numeric_limits<T>::min();
  for (Index k = 0; k < n; ++k) out[k] = out[k] < smallest ? T(0) : out[k];
}

// out[k] = log(in[k]).
template <typename T>
EIGEN_ALWAYS_INLINE void log_run(const T* in, T* out, Index n) {
  map_run(in, out, n, [](const auto& x) { return x.log(); });
}

// Calls run(first_row, row_count) over the rows of the matrices, as few runs as possible: all rows
// at once when every matrix is contiguous (outer stride = columns), else one row at a time.
template <typename Run, typename... Matrices>
void rows_as_runs(Index rows, Index cols, const Run& run, const Matrices&... m) {
  if (((m.outerStride() == cols) && ...)) {
    if (rows > 0) run(Index{0}, rows);
    return;
  }
  for (Index i = 0; i < rows; ++i) run(i, Index{1});
}

}  // namespace celab::nn::kernels
