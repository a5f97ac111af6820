// Validators for numeric options, stricter than CLI11 2.1's own conversions: those read integers
// with strtoll in base 0, so "99999999999999999999" silently becomes INT64_MAX and "010" becomes 8,
// and its PositiveNumber/Range checks let NaN through. Use them on every numeric option:
//   cmd->add_option("--epochs", epochs)->transform(strict_integer())->check(CLI::Range(1, 1000));
//   cmd->add_option("--tolerance", tolerance)->check(positive_number());
// Errors read "--epochs: '99999999999999999999' is out of range for a 64-bit integer".
#pragma once

#include <CLI/CLI.hpp>

namespace celab::cli {

// A decimal integer that fits in int64_t (optional sign, nothing else); rewritten in plain decimal
// before CLI11 converts it, so it must be added with ->transform().
CLI::Validator strict_integer();

// A finite decimal number > 0 (no "nan", "inf", or values that overflow a double).
CLI::Validator positive_number();

}  // namespace celab::cli
