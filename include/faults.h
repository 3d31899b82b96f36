/*
 * faults: crash injection for the durability tests (as SQLite compiles
 * fault injection into its test builds). With CRMBATCH_CRASH_AT=N in the
 * environment, the N-th crash point reached kills the process on the spot
 * (_exit(137), as SIGKILL would leave it). Crash points sit between the
 * steps of every durable write. Without the variable they cost a branch.
 * write_fault() does the same for a disk that fills up.
 */
#ifndef CRMBATCH_FAULTS_H
#define CRMBATCH_FAULTS_H

void crash_point(void);

/*
 * A full disk on demand: with CRMBATCH_FULL_DISK_AT=N in the environment,
 * the N-th write point reached and every later one report ENOSPC, as a
 * disk that filled up stays full. Write points sit before every write of
 * an output (a staged document, an atomic file, an append to the register
 * or a ledger). Returns 0, or the errno the write must fail with.
 */
int write_fault(void);

#endif
