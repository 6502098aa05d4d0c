/* SPDX-License-Identifier: GPL-3.0-or-later */
// lineup-minijson.hpp: the small JSON reader the shim's command-line tools
// share (the TF.js manifest, the reference descriptors). Internal to the
// shim; errors are std::runtime_error with the file, line and column.
#pragma once

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lineup {
namespace minijson {

struct json
{
  enum kind_t
  {
    NUL,
    BOOL,
    NUMBER,
    STRING,
    ARRAY,
    OBJECT
  } kind = NUL;
  bool                                      b = false;
  double                                    num = 0;
  std::string                               str;
  std::vector<json>                         arr;
  std::vector<std::pair<std::string, json>> obj;

  const json *
  find (const std::string &key) const
  {
    for (const auto &kv : obj)
      if (kv.first == key)
        return &kv.second;
    return nullptr;
  }
};

class json_parser
{
public:
  json_parser (const std::string &text, const std::string &file)
      : s (text), name (file)
  {
  }

  json
  parse ()
  {
    json v = value (0);
    ws ();
    if (i != s.size ())
      fail ("trailing characters after the JSON value");
    return v;
  }

private:
  const std::string &s;
  std::string        name;
  size_t             i = 0;

  [[noreturn]] void
  fail (const std::string &what) const
  {
    size_t line = 1, col = 1;
    for (size_t k = 0; k < i && k < s.size (); ++k)
      {
        if (s[k] == '\n')
          {
            ++line;
            col = 1;
          }
        else
          ++col;
      }
    throw std::runtime_error (name + ":" + std::to_string (line) + ":" + std::to_string (col) +
                              ": JSON parse error: " + what);
  }

  void
  ws ()
  {
    while (i < s.size () && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
      ++i;
  }

  void
  expect_word (const char *w)
  {
    size_t n = std::strlen (w);
    if (s.compare (i, n, w) != 0)
      fail (std::string ("expected '") + w + "'");
    i += n;
  }

  json
  value (int depth)
  {
    if (depth > 64)
      fail ("nesting too deep");
    ws ();
    if (i >= s.size ())
      fail ("unexpected end of input");
    json v;
    char c = s[i];
    if (c == '{')
      {
        v.kind = json::OBJECT;
        ++i;
        ws ();
        if (i < s.size () && s[i] == '}')
          {
            ++i;
            return v;
          }
        for (;;)
          {
            ws ();
            if (i >= s.size () || s[i] != '"')
              fail ("expected a string key");
            std::string key = string_lit ();
            ws ();
            if (i >= s.size () || s[i] != ':')
              fail ("expected ':'");
            ++i;
            v.obj.emplace_back (std::move (key), value (depth + 1));
            ws ();
            if (i < s.size () && s[i] == ',')
              {
                ++i;
                continue;
              }
            if (i < s.size () && s[i] == '}')
              {
                ++i;
                return v;
              }
            fail ("expected ',' or '}'");
          }
      }
    if (c == '[')
      {
        v.kind = json::ARRAY;
        ++i;
        ws ();
        if (i < s.size () && s[i] == ']')
          {
            ++i;
            return v;
          }
        for (;;)
          {
            v.arr.push_back (value (depth + 1));
            ws ();
            if (i < s.size () && s[i] == ',')
              {
                ++i;
                continue;
              }
            if (i < s.size () && s[i] == ']')
              {
                ++i;
                return v;
              }
            fail ("expected ',' or ']'");
          }
      }
    if (c == '"')
      {
        v.kind = json::STRING;
        v.str = string_lit ();
        return v;
      }
    if (c == 't')
      {
        expect_word ("true");
        v.kind = json::BOOL;
        v.b = true;
        return v;
      }
    if (c == 'f')
      {
        expect_word ("false");
        v.kind = json::BOOL;
        v.b = false;
        return v;
      }
    if (c == 'n')
      {
        expect_word ("null");
        v.kind = json::NUL;
        return v;
      }
    if (c == '-' || (c >= '0' && c <= '9'))
      {
        size_t start = i;
        if (s[i] == '-')
          ++i;
        while (i < s.size () && (std::isdigit ((unsigned char)s[i]) || s[i] == '.' ||
                                 s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-'))
          ++i;
        const char *first = s.data () + start;
        const char *last = s.data () + i;
        auto        r = std::from_chars (first, last, v.num); // locale independent
        if (r.ec != std::errc () || r.ptr != last)
          {
            i = start;
            fail ("malformed number");
          }
        v.kind = json::NUMBER;
        return v;
      }
    fail (std::string ("unexpected character '") + c + "'");
  }

  static void
  put_utf8 (std::string &out, unsigned cp)
  {
    if (cp < 0x80)
      out += char (cp);
    else if (cp < 0x800)
      {
        out += char (0xC0 | (cp >> 6));
        out += char (0x80 | (cp & 0x3F));
      }
    else if (cp < 0x10000)
      {
        out += char (0xE0 | (cp >> 12));
        out += char (0x80 | ((cp >> 6) & 0x3F));
        out += char (0x80 | (cp & 0x3F));
      }
    else
      {
        out += char (0xF0 | (cp >> 18));
        out += char (0x80 | ((cp >> 12) & 0x3F));
        out += char (0x80 | ((cp >> 6) & 0x3F));
        out += char (0x80 | (cp & 0x3F));
      }
  }

  unsigned
  hex4 ()
  {
    if (i + 4 > s.size ())
      fail ("truncated \\u escape");
    unsigned cp = 0;
    for (int k = 0; k < 4; ++k)
      {
        char h = s[i++];
        cp <<= 4;
        if (h >= '0' && h <= '9')
          cp |= h - '0';
        else if (h >= 'a' && h <= 'f')
          cp |= h - 'a' + 10;
        else if (h >= 'A' && h <= 'F')
          cp |= h - 'A' + 10;
        else
          fail ("bad \\u escape");
      }
    return cp;
  }

  std::string
  string_lit ()
  {
    ++i; // opening quote
    std::string out;
    for (;;)
      {
        if (i >= s.size ())
          fail ("unterminated string");
        char c = s[i++];
        if (c == '"')
          return out;
        if ((unsigned char)c < 0x20)
          fail ("control character in string");
        if (c != '\\')
          {
            out += c;
            continue;
          }
        if (i >= s.size ())
          fail ("unterminated escape");
        char e = s[i++];
        switch (e)
          {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u':
            {
              unsigned cp = hex4 ();
              if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= s.size () && s[i] == '\\' && s[i + 1] == 'u')
                {
                  i += 2;
                  unsigned lo = hex4 ();
                  if (lo < 0xDC00 || lo > 0xDFFF)
                    fail ("bad surrogate pair");
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
              put_utf8 (out, cp);
              break;
            }
          default:
            fail ("bad escape");
          }
      }
  }
};

} // namespace minijson
} // namespace lineup
