#pragma once
// Test hook for failure-point loops (house style, after SQLite): makes the N-th database
// statement from now fail as if the database had failed, so tests can check that every
// write use case leaves the database unchanged when interrupted at any step.
// Process-wide; thread-safe (atomic). Never enabled in production code paths.

namespace foljsam::store::testing {

// Fails the `n`-th statement (1-based) executed from now on; 0 disables injection.
void FailAtStatement(int n);
// Statements executed since the last FailAtStatement call.
int StatementsSinceArmed();

}  // namespace foljsam::store::testing
