// celab: the command-line side of Cross-Entropy Lab.
#include <cstdio>
#include <exception>

#include "cli/commands.h"

namespace celab::cli {
// One line per command; defined in cmd_<name>.cpp.
void register_loss(CLI::App& app, int& exit_code);
void register_check_golden(CLI::App& app, int& exit_code);
void register_train(CLI::App& app, int& exit_code);
void register_eval(CLI::App& app, int& exit_code);
void register_calibrate(CLI::App& app, int& exit_code);
void register_predict(CLI::App& app, int& exit_code);
void register_eval_strokes(CLI::App& app, int& exit_code);
}  // namespace celab::cli

int main(int argc, char** argv) {
  CLI::App app{"Cross-Entropy Lab: PyTorch-exact cross-entropy, and a digit classifier trained on MNIST"};
  app.require_subcommand(1);
  int exit_code = celab::cli::kExitOk;
  celab::cli::register_loss(app, exit_code);
  celab::cli::register_check_golden(app, exit_code);
  celab::cli::register_train(app, exit_code);
  celab::cli::register_eval(app, exit_code);
  celab::cli::register_calibrate(app, exit_code);
  celab::cli::register_predict(app, exit_code);
  celab::cli::register_eval_strokes(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::fprintf(stderr, "celab: %s\n", e.what());   // one line, as for every bad input
    return celab::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "celab: %s\n", e.what());
    return celab::cli::kExitBadInput;
  }
  return exit_code;
}
