// What every fuzz target checks: a reader either returns a value that keeps its documented
// promises, or throws its documented error with a one-line message that starts with the input's
// name. Anything else is a bug that libFuzzer reports as a crash: another exception (it ends in
// std::terminate), a broken promise (fuzz_bug aborts), and whatever the sanitizers catch (memory
// errors, undefined behaviour, leaks), or a hang (libFuzzer's -timeout).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace celab::fuzz {

[[noreturn]] inline void fuzz_bug(const std::string& what) {
  std::fprintf(stderr, "fuzz: bug: %s\n", what.c_str());
  std::abort();
}

// A literal, not a std::string: it is called for every pixel and point.
inline void require(bool ok, const char* what) {
  if (!ok) fuzz_bug(what);
}

// The message a CLI prints as is: one line, beginning with "<name>: ", with something after it.
inline void require_error_message(std::string_view message, std::string_view name) {
  const bool named = message.size() > name.size() + 2 && message.starts_with(name) && message[name.size()] == ':';
  if (!named) fuzz_bug("error message does not start with \"" + std::string(name) + ":\": " + std::string(message));
  if (message.find_first_of("\n\r") != std::string_view::npos)
    fuzz_bug("error message is not one line: " + std::string(message));
}

// Runs `read`; an `Error` is the documented outcome of a bad input and must name `name`.
// Returns true when `read` returned normally.
template <typename Error, typename Read>
bool returns_or_throws(Read&& read, std::string_view name) {
  try {
    read();
    return true;
  } catch (const Error& e) {
    require_error_message(e.what(), name);
    return false;
  }
}

}  // namespace celab::fuzz
