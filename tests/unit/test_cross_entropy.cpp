// nn::cross_entropy: the article's worked example, hand-computed cases for every option,
// gradients against finite differences, layouts, float and double, and the error messages.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "nn/cross_entropy.h"
#include "nn/rng.h"

namespace celab::nn {
namespace {

constexpr int64_t kIgnore = -100;

// log p_c = x_c - log(sum_k exp(x_k)), written out naively (fine for moderate logits).
double naive_log_prob(const std::vector<double>& row, size_t c) {
  double total = 0;
  for (const double v : row) total += std::exp(v);
  return row[c] - std::log(total);
}

std::vector<double> row_of(const Tensor<double>& x, size_t i) {
  const auto cols = static_cast<size_t>(x.shape[1]);
  return {x.data.begin() + static_cast<long>(i * cols), x.data.begin() + static_cast<long>((i + 1) * cols)};
}

Tensor<double> random_input(uint64_t seed, std::vector<int64_t> shape, double scale = 2.0) {
  Rng rng(seed);
  Tensor<double> t{std::move(shape), {}};
  size_t n = 1;
  for (const int64_t d : t.shape) n *= static_cast<size_t>(d);
  for (size_t i = 0; i < n; ++i) t.data.push_back(rng.normal(0.0, scale));
  return t;
}

template <typename T>
CrossEntropyOptions<T> options(Reduction reduction, std::vector<T> weight = {}, double smoothing = 0.0,
                               int64_t ignore_index = kIgnore) {
  return {std::move(weight), ignore_index, reduction, smoothing};
}

TEST(CrossEntropy, WorkedExampleMatchesPyTorch) {
  // torch.nn.functional.cross_entropy(torch.tensor([[-0.5, -0.2, -0.3]], dtype=...), torch.tensor([0]))
  // and its gradient, printed by /usr/bin/python3 (PyTorch 1.13) in float64 and float32.
  const std::vector<double> logits{-0.5, -0.2, -0.3};
  const auto d = cross_entropy(std::span<const double>(logits), 0);
  EXPECT_EQ(d.loss.shape, std::vector<int64_t>{});
  EXPECT_NEAR(d.loss.data[0], 1.2729189131256584, 1e-15);
  EXPECT_NEAR(d.grad_input.data[0], -0.7199869061414262, 1e-15);
  EXPECT_NEAR(d.grad_input.data[1], 0.37797814098160176, 1e-15);
  EXPECT_NEAR(d.grad_input.data[2], 0.3420087651598245, 1e-15);

  const std::vector<float> logits_f{-0.5f, -0.2f, -0.3f};
  const auto f = cross_entropy(std::span<const float>(logits_f), 0);
  EXPECT_NEAR(f.loss.data[0], 1.272918939590454f, 2e-7f);
  EXPECT_NEAR(f.grad_input.data[0], -0.7199869155883789f, 1e-7f);
  EXPECT_NEAR(f.grad_input.data[1], 0.3779781460762024f, 1e-7f);

  // The same sample as a (1, 3) batch, and as the article's formula.
  const auto batch =
      cross_entropy<double>({{1, 3}, logits}, Tensor<int64_t>{{1}, {0}}, options<double>(Reduction::Mean));
  EXPECT_EQ(batch.loss.data[0], d.loss.data[0]);
  EXPECT_NEAR(d.loss.data[0], -logits[0] + std::log(std::exp(-0.5) + std::exp(-0.2) + std::exp(-0.3)), 1e-15);
}

TEST(CrossEntropy, IsMinusTheLogProbabilityOfTheTargetForEveryReduction) {
  const Tensor<double> x = random_input(1, {5, 4});
  const Tensor<int64_t> t{{5}, {3, 0, 1, 1, 2}};
  const auto none = cross_entropy(x, t, options<double>(Reduction::None));
  ASSERT_EQ(none.loss.shape, std::vector<int64_t>{5});
  double total = 0;
  for (size_t i = 0; i < 5; ++i) {
    const double expected = -naive_log_prob(row_of(x, i), static_cast<size_t>(t.data[i]));
    EXPECT_NEAR(none.loss.data[i], expected, 1e-14);
    total += expected;
  }
  EXPECT_NEAR(cross_entropy(x, t, options<double>(Reduction::Sum)).loss.data[0], total, 1e-13);
  EXPECT_NEAR(cross_entropy(x, t, options<double>(Reduction::Mean)).loss.data[0], total / 5, 1e-14);
}

TEST(CrossEntropy, WeightedMeanDividesByTheWeightsOfTheTargetsThatCount) {
  const Tensor<double> x = random_input(2, {4, 3});
  const Tensor<int64_t> t{{4}, {2, kIgnore, 0, 2}};
  const std::vector<double> w{0.5, 3.0, 2.0};
  double numerator = 0, denominator = 0;
  for (size_t i : {0u, 2u, 3u}) {
    const auto c = static_cast<size_t>(t.data[i]);
    numerator += -w[c] * naive_log_prob(row_of(x, i), c);
    denominator += w[c];
  }
  EXPECT_NEAR(cross_entropy(x, t, options<double>(Reduction::Mean, w)).loss.data[0], numerator / denominator, 1e-14);
  EXPECT_NEAR(cross_entropy(x, t, options<double>(Reduction::Sum, w)).loss.data[0], numerator, 1e-14);

  const auto none = cross_entropy(x, t, options<double>(Reduction::None, w));
  EXPECT_EQ(none.loss.data[1], 0.0);
  for (size_t c = 0; c < 3; ++c) EXPECT_EQ(none.grad_input.data[3 + c], 0.0) << "ignored row has no gradient";
}

TEST(CrossEntropy, CustomIgnoreIndexInsideTheClassRange) {
  const Tensor<double> x = random_input(3, {3, 4});
  const Tensor<int64_t> t{{3}, {1, 1, 2}};
  const auto r = cross_entropy(x, t, options<double>(Reduction::Mean, {}, 0.0, 1));
  EXPECT_NEAR(r.loss.data[0], -naive_log_prob(row_of(x, 2), 2), 1e-14);
}

TEST(CrossEntropy, AllTargetsIgnoredGiveNanMeanZeroSumAndZeroGradient) {
  const Tensor<double> x = random_input(4, {3, 4});
  const Tensor<int64_t> t{{3}, {kIgnore, kIgnore, kIgnore}};
  for (const double smoothing : {0.0, 0.3}) {
    const auto mean = cross_entropy(x, t, options<double>(Reduction::Mean, {}, smoothing));
    EXPECT_TRUE(std::isnan(mean.loss.data[0]));
    for (const double g : mean.grad_input.data) EXPECT_EQ(g, 0.0);
    EXPECT_EQ(cross_entropy(x, t, options<double>(Reduction::Sum, {}, smoothing)).loss.data[0], 0.0);
  }
}

TEST(CrossEntropy, LabelSmoothingMixesEpsilonOverCWithTheWeights) {
  const Tensor<double> x = random_input(5, {3, 4});
  const Tensor<int64_t> t{{3}, {3, 0, kIgnore}};
  const std::vector<double> w{1.0, 0.5, 2.0, 1.5};
  const double eps = 0.2, classes = 4;
  double nll = 0, smooth = 0, weight_sum = 0;
  for (size_t i : {0u, 1u}) {
    const auto row = row_of(x, i);
    const auto c = static_cast<size_t>(t.data[i]);
    nll += -w[c] * naive_log_prob(row, c);
    weight_sum += w[c];
    for (size_t k = 0; k < 4; ++k) smooth += -w[k] * naive_log_prob(row, k);
  }
  const double expected = (1 - eps) * nll / weight_sum + eps / classes * smooth / weight_sum;
  EXPECT_NEAR(cross_entropy(x, t, options<double>(Reduction::Mean, w, eps)).loss.data[0], expected, 1e-14);
}

TEST(CrossEntropy, ProbabilityTargetsAverageOverSamplesAndPositions) {
  // (N, C, D) = (2, 3, 2) with probabilities along C.
  const Tensor<double> x = random_input(6, {2, 3, 2});
  const Tensor<double> p{{2, 3, 2}, {0.2, 1.0, 0.3, 0.0, 0.5, 0.0, 0.1, 0.6, 0.1, 0.4, 0.8, 0.0}};
  const std::vector<double> w{2.0, 1.0, 0.5};
  double total = 0;
  for (size_t n = 0; n < 2; ++n)
    for (size_t d = 0; d < 2; ++d) {
      std::vector<double> row;
      for (size_t c = 0; c < 3; ++c) row.push_back(x.data[n * 6 + c * 2 + d]);
      for (size_t c = 0; c < 3; ++c) total += -w[c] * p.data[n * 6 + c * 2 + d] * naive_log_prob(row, c);
    }
  const auto mean = cross_entropy(x, p, options<double>(Reduction::Mean, w));
  EXPECT_NEAR(mean.loss.data[0], total / 4, 1e-14);
  const auto none = cross_entropy(x, p, options<double>(Reduction::None, w));
  EXPECT_EQ(none.loss.shape, (std::vector<int64_t>{2, 2}));
}

TEST(CrossEntropy, ProbabilityTargetsWithSmoothingUseTheSmoothedTarget) {
  const Tensor<double> x = random_input(7, {1, 3});
  const double eps = 0.3;
  const auto smoothed =
      cross_entropy(x, Tensor<double>{{1, 3}, {1.0, 0.0, 0.0}}, options<double>(Reduction::Sum, {}, eps));
  const auto by_hand = cross_entropy(x, Tensor<double>{{1, 3}, {0.7 + 0.1, 0.1, 0.1}}, options<double>(Reduction::Sum));
  EXPECT_NEAR(smoothed.loss.data[0], by_hand.loss.data[0], 1e-15);
  // ... and equal the smoothed index target.
  const auto index = cross_entropy(x, Tensor<int64_t>{{1}, {0}}, options<double>(Reduction::Sum, {}, eps));
  EXPECT_NEAR(smoothed.loss.data[0], index.loss.data[0], 1e-15);
}

TEST(CrossEntropy, ClassDimensionOneOfAKDimInputEqualsTheTransposedBatch) {
  // (N, C, d1, d2) = (2, 3, 2, 2): sample (n, i, j) has classes x[n, :, i, j].
  const Tensor<double> x = random_input(8, {2, 3, 2, 2});
  const Tensor<int64_t> t{{2, 2, 2}, {0, 2, 1, kIgnore, 2, 2, 0, 1}};
  Tensor<double> rows{{8, 3}, std::vector<double>(24)};
  for (size_t n = 0; n < 2; ++n)
    for (size_t c = 0; c < 3; ++c)
      for (size_t s = 0; s < 4; ++s) rows.data[(n * 4 + s) * 3 + c] = x.data[n * 12 + c * 4 + s];
  const std::vector<double> w{0.3, 1.0, 2.0};
  const auto opt = options<double>(Reduction::None, w, 0.1);
  const auto kdim = cross_entropy(x, t, opt);
  const auto flat = cross_entropy(rows, Tensor<int64_t>{{8}, t.data}, opt);
  EXPECT_EQ(kdim.loss.shape, (std::vector<int64_t>{2, 2, 2}));
  EXPECT_EQ(kdim.loss.data, flat.loss.data);
  for (size_t n = 0; n < 2; ++n)
    for (size_t c = 0; c < 3; ++c)
      for (size_t s = 0; s < 4; ++s)
        EXPECT_EQ(kdim.grad_input.data[n * 12 + c * 4 + s], flat.grad_input.data[(n * 4 + s) * 3 + c]);
}

TEST(CrossEntropy, HugeLogitsAreStable) {
  const Tensor<double> x{{2, 2}, {1e4, -1e4, -3e4, -29999.0}};
  const auto r = cross_entropy(x, Tensor<int64_t>{{2}, {1, 0}}, options<double>(Reduction::None));
  EXPECT_EQ(r.loss.data[0], 2e4);
  EXPECT_NEAR(r.loss.data[1], 1.0 + std::log1p(std::exp(-1.0)), 1e-12);
  const Tensor<float> xf{{2, 2}, {1e4f, -1e4f, -3e4f, -29999.0f}};
  const auto rf = cross_entropy(xf, Tensor<int64_t>{{2}, {1, 0}}, options<float>(Reduction::None));
  EXPECT_EQ(rf.loss.data[0], 2e4f);
  EXPECT_NEAR(rf.loss.data[1], 1.3132616f, 1e-6f);
  for (const float g : rf.grad_input.data) EXPECT_TRUE(std::isfinite(g));
}

// d sum(loss) / d input by central differences.
Tensor<double> numeric_gradient(const Tensor<double>& x, const std::function<double(const Tensor<double>&)>& loss) {
  Tensor<double> grad{x.shape, std::vector<double>(x.data.size())};
  const double h = 1e-6;
  for (size_t k = 0; k < x.data.size(); ++k) {
    Tensor<double> plus = x, minus = x;
    plus.data[k] += h;
    minus.data[k] -= h;
    grad.data[k] = (loss(plus) - loss(minus)) / (2 * h);
  }
  return grad;
}

double summed(const Tensor<double>& loss) {
  double total = 0;
  for (const double v : loss.data) total += v;
  return total;
}

TEST(CrossEntropy, GradientsMatchFiniteDifferencesForEveryOption) {
  const Tensor<double> x = random_input(9, {3, 2, 4});
  const Tensor<int64_t> t{{3, 4}, {0, 1, kIgnore, 1, 1, 0, 0, 1, kIgnore, 1, 0, 0}};
  const Tensor<double> p = [] {
    Tensor<double> q = random_input(10, {3, 2, 4}, 1.0);
    for (double& v : q.data) v = std::fabs(v);
    return q;
  }();
  for (const Reduction reduction : {Reduction::Mean, Reduction::Sum, Reduction::None})
    for (const double eps : {0.0, 0.25})
      for (const bool weighted : {false, true}) {
        const auto opt =
            options<double>(reduction, weighted ? std::vector<double>{0.7, 1.9} : std::vector<double>{}, eps);
        SCOPED_TRACE(std::string(reduction_name(reduction)) + " eps=" + std::to_string(eps) +
                     (weighted ? " weighted" : ""));
        const auto index = cross_entropy(x, t, opt);
        const auto index_numeric =
            numeric_gradient(x, [&](const Tensor<double>& in) { return summed(cross_entropy(in, t, opt).loss); });
        const auto probs = cross_entropy(x, p, opt);
        const auto probs_numeric =
            numeric_gradient(x, [&](const Tensor<double>& in) { return summed(cross_entropy(in, p, opt).loss); });
        for (size_t k = 0; k < x.data.size(); ++k) {
          EXPECT_NEAR(index.grad_input.data[k], index_numeric.data[k], 1e-7);
          EXPECT_NEAR(probs.grad_input.data[k], probs_numeric.data[k], 1e-7);
        }
      }
}

TEST(CrossEntropy, FloatAgreesWithDouble) {
  const Tensor<double> x = random_input(11, {64, 10});
  Rng rng(12);
  Tensor<int64_t> t{{64}, {}};
  for (int i = 0; i < 64; ++i) t.data.push_back(static_cast<int64_t>(rng.below(10)));
  const Tensor<float> xf{x.shape, {x.data.begin(), x.data.end()}};
  const auto d = cross_entropy(x, t, options<double>(Reduction::Mean, {}, 0.1));
  const auto f = cross_entropy(xf, t, options<float>(Reduction::Mean, {}, 0.1));
  EXPECT_NEAR(f.loss.data[0], d.loss.data[0], 1e-5 * d.loss.data[0]);
  for (size_t k = 0; k < x.data.size(); ++k) EXPECT_NEAR(f.grad_input.data[k], d.grad_input.data[k], 1e-7);
}

TEST(CrossEntropy, RowsApiWritesTheSameAsTheTensorApi) {
  const Tensor<double> x = random_input(13, {700, 10});  // more rows than one block
  Rng rng(14);
  Tensor<int64_t> t{{700}, {}};
  for (int i = 0; i < 700; ++i) t.data.push_back(i % 7 == 0 ? kIgnore : static_cast<int64_t>(rng.below(10)));
  const auto opt = options<double>(Reduction::Mean, {}, 0.05);
  const auto expected = cross_entropy(x, t, opt);
  const auto per_row = cross_entropy(x, t, options<double>(Reduction::None, {}, 0.05));

  const Eigen::Map<const RowMatrix<double>> logits(x.data.data(), 700, 10);
  RowMatrix<double> grad(700, 10);
  std::vector<double> rows(700);
  const double loss = cross_entropy_rows<double>(logits, t.data, opt, grad, rows);
  EXPECT_EQ(loss, expected.loss.data[0]);
  EXPECT_EQ(rows, per_row.loss.data);
  EXPECT_EQ(std::vector<double>(grad.data(), grad.data() + grad.size()), expected.grad_input.data);
}

TEST(CrossEntropy, EmptyBatchGivesNanMeanLikePyTorch) {
  const Tensor<double> x{{0, 3}, {}};
  EXPECT_TRUE(std::isnan(cross_entropy(x, Tensor<int64_t>{{0}, {}}, options<double>(Reduction::Mean)).loss.data[0]));
  EXPECT_TRUE(cross_entropy(x, Tensor<double>{{0, 3}, {}}, options<double>(Reduction::None)).loss.data.empty());
}

template <typename Target>
std::string error_of(const Tensor<double>& x, const Target& t, const CrossEntropyOptions<double>& opt) {
  try {
    cross_entropy(x, t, opt);
  } catch (const LossError& e) {
    return e.what();
  }
  return "no error";
}

TEST(CrossEntropy, InvalidInputIsRejectedWithTheValueAndWhereItIs) {
  const Tensor<double> x = random_input(15, {2, 3});
  const auto mean = options<double>(Reduction::Mean);
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{2}, {0, 3}}, mean), "target 3 at position 1 is out of range [0, 3) (PyTorch: IndexError: Target 3 is out of bounds.)");
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{2}, {-2, 0}}, mean),
            "target -2 at position 0 is out of range [0, 3) and is not ignore_index -100 "
            "(PyTorch: IndexError: Target -2 is out of bounds.)");
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{2}, {0, 1}}, options<double>(Reduction::Mean, {1, 1, 1, 1})),
            "weight has 4 values but the input has 3 classes");
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{3}, {0, 1, 2}}, mean),
            "input batch size 2 does not match target batch size 3 (input shape [2, 3], target shape [3])");
  EXPECT_EQ(error_of(random_input(16, {2, 3, 4}), Tensor<int64_t>{{2, 3}, {0, 0, 0, 0, 0, 0}}, mean),
            "target shape [2, 3] does not match input shape [2, 3, 4]: expected [2, 4]");
  EXPECT_EQ(error_of(random_input(17, {3}), Tensor<int64_t>{{1}, {0}}, mean),
            "target shape [1] does not match input shape [3]: expected []");
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{2}, {0, 1}}, options<double>(Reduction::Mean, {}, 1.5)),
            "label_smoothing 1.5 is outside [0, 1]");
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{2}, {0, 1}}, options<double>(Reduction::Mean, {}, -0.1)),
            "label_smoothing -0.1 is outside [0, 1]");
  EXPECT_EQ(error_of(x, Tensor<double>{{2, 4}, std::vector<double>(8, 0.25)}, mean),
            "probability target shape [2, 4] does not match input shape [2, 3] (they must be equal)");
  EXPECT_EQ(
      error_of(x, Tensor<double>{{2, 3}, std::vector<double>(6, 0.3)}, options<double>(Reduction::Mean, {}, 0.0, 2)),
      "ignore_index 2 is not supported with probability targets (it must be negative; PyTorch: RuntimeError: "
      "ignore_index is not supported for floating point target)");
  EXPECT_EQ(error_of(Tensor<double>{{2, 3}, {1, 2, 3, 4, 5}}, Tensor<int64_t>{{2}, {0, 1}}, mean),
            "input has 5 values but its shape [2, 3] needs 6");
  EXPECT_EQ(error_of(x, Tensor<int64_t>{{2}, {0}}, mean), "target has 1 value but its shape [2] needs 2");
  EXPECT_EQ(error_of(Tensor<double>{{}, {1.0}}, Tensor<int64_t>{{}, {0}}, mean),
            "input must have shape (C), (N, C) or (N, C, d1, ..., dk), got a scalar (shape [])");
  EXPECT_EQ(error_of(Tensor<double>{{2, 0}, {}}, Tensor<int64_t>{{2}, {0, 0}}, mean),
            "input shape [2, 0] has no classes (C = 0)");
  EXPECT_EQ(error_of(Tensor<double>{{2, -3}, {}}, Tensor<int64_t>{{2}, {0, 0}}, mean),
            "input shape [2, -3] has a negative dimension");
  EXPECT_EQ(error_of(Tensor<double>{{int64_t{1} << 32, int64_t{1} << 32}, {}}, Tensor<int64_t>{{2}, {0, 0}}, mean),
            "input shape [4294967296, 4294967296] has more elements than an int64_t can count");
  EXPECT_THROW(parse_reduction("average"), LossError);
}

}  // namespace
}  // namespace celab::nn
