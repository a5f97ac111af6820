// Each `celab` subcommand lives in its own file and registers itself here.
#pragma once

#include <CLI/CLI.hpp>

namespace celab::cli {

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;    // ran fine, but the answer is "no" (e.g. golden cases failed)
constexpr int kExitBadInput = 2;  // bad arguments or input file: one-line message on stderr

}  // namespace celab::cli
