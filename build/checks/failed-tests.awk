# Prints each failed test of the trx files: its name, its message (up to 8 lines) and the first
# 4 lines of its stack trace, XML entities decoded.
function decode(s) { gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s); gsub(/&amp;/, "\\&", s); return s }
/<UnitTestResult [^>]*outcome="Failed"/ {
  name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
  print "  failed: " decode(name); failed = 1; part = ""; lines = 0; next
}
failed && /<Message>/ { part = "message"; lines = 0; sub(/.*<Message>/, "") }
failed && /<StackTrace>/ { part = "stack"; lines = 0; sub(/.*<StackTrace>/, "") }
failed && part != "" {
  done = sub(/<\/(Message|StackTrace)>.*/, "")
  limit = part == "message" ? 8 : 4
  if (++lines <= limit) print "      " decode($0)
  if (done) { if (part == "stack") failed = 0; part = "" }
}
failed && /<\/UnitTestResult>/ { failed = 0; part = "" }
