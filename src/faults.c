/* faults: crash points for the durability tests (see include/faults.h). */
#include "faults.h"

#include <stdlib.h>
#include <unistd.h>

void crash_point(void)
{
	static long at = -1, reached;
	if (at < 0) {
		const char *s = getenv("CRMBATCH_CRASH_AT");
		at = s ? atol(s) : 0;
	}
	if (at > 0 && ++reached == at)
		_exit(137);
}
