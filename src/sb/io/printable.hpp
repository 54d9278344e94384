// Text that is safe to put into a one-line message on a terminal: user input (a JSON key with an
// embedded NUL, a file name with invalid UTF-8, a parser's "last read" token) is shown escaped
// rather than raw, so that a message is never cut at a NUL, never spans lines and never carries
// bytes a terminal would misinterpret.
#pragma once

#include <string>
#include <string_view>

namespace sb {

/// `text` with every well-formed UTF-8 sequence except control characters kept as it is,
/// control characters (U+0000–U+001F, U+007F) written \n, \r, \t or \u00XX, and every byte
/// that is not part of a well-formed UTF-8 sequence written \xHH. The result is valid UTF-8
/// without control characters, and printable(printable(s)) == printable(s).
std::string printable(std::string_view text);

}  // namespace sb
