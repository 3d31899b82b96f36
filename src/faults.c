/* faults: crash points for the durability tests (see include/faults.h). */
#include "faults.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

void crash_point(void)
{
	/* Render threads reach crash points too: the count is atomic. */
	static long at = -1, reached;
	long a = __atomic_load_n(&at, __ATOMIC_RELAXED);
	if (a < 0) {
		const char *s = getenv("CRMBATCH_CRASH_AT");
		a = s ? atol(s) : 0;
		__atomic_store_n(&at, a, __ATOMIC_RELAXED);
	}
	if (a > 0 && __atomic_add_fetch(&reached, 1, __ATOMIC_RELAXED) == a)
		_exit(137);
}

int write_fault(void)
{
	static long at = -1, reached;
	long a = __atomic_load_n(&at, __ATOMIC_RELAXED);
	if (a < 0) {
		const char *s = getenv("CRMBATCH_FULL_DISK_AT");
		a = s ? atol(s) : 0;
		__atomic_store_n(&at, a, __ATOMIC_RELAXED);
	}
	return a > 0 && __atomic_add_fetch(&reached, 1, __ATOMIC_RELAXED) >= a ? ENOSPC : 0;
}
