/*
 * faults: crash injection for the durability tests (as SQLite compiles
 * fault injection into its test builds). With CRMBATCH_CRASH_AT=N in the
 * environment, the N-th crash point reached kills the process on the spot
 * (_exit(137), as SIGKILL would leave it). Crash points sit between the
 * steps of every durable write. Without the variable they cost a branch.
 */
#ifndef CRMBATCH_FAULTS_H
#define CRMBATCH_FAULTS_H

void crash_point(void);

#endif
