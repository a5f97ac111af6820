// Parsing the numbers users type on the command line: "1,2,3" and rows "1,2,3;4,5,6". Every
// problem is a CliInputError whose one-line message names the option, the text and where it is.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace celab::cli {

struct CliInputError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// "1.5, -2,3e-1": finite numbers only, e.g. "--weight: 'abc' (value 2) is not a number".
std::vector<double> parse_numbers(const std::string& text, const std::string& option);

// "0,2,-100": integers, e.g. "--target: '1.5' (value 2) is not an integer".
std::vector<int64_t> parse_integers(const std::string& text, const std::string& option);

// Rows separated by ';', all of the same length:
// "--logits: row 2 has 4 values but row 1 has 3".
std::vector<std::vector<double>> parse_rows(const std::string& text, const std::string& option);

}  // namespace celab::cli
