/* faults: crash points and a full disk for the tests (see include/faults.h). */
#include "faults.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* The N of variable name, read once (0 when unset). Render threads reach
 * the points too: the state is atomic. */
static long point_of(long *at, const char *name)
{
	long a = __atomic_load_n(at, __ATOMIC_RELAXED);
	if (a < 0) {
		const char *s = getenv(name);
		a = s ? atol(s) : 0;
		__atomic_store_n(at, a, __ATOMIC_RELAXED);
	}
	return a;
}

void crash_point(void)
{
	static long at = -1, reached;
	long a = point_of(&at, "CRMBATCH_CRASH_AT");
	if (a > 0 && __atomic_add_fetch(&reached, 1, __ATOMIC_RELAXED) == a)
		_exit(137);
}

int write_fault(void)
{
	static long at = -1, reached;
	long a = point_of(&at, "CRMBATCH_FULL_DISK_AT");
	return a > 0 && __atomic_add_fetch(&reached, 1, __ATOMIC_RELAXED) >= a ? ENOSPC : 0;
}
