/* progress: the bar on stderr (include/progress.h). */
#include "progress.h"

#include <stdio.h>

void progress_update(struct progress *p, unsigned long long done, unsigned long long total)
{
	if (!p->enabled || total < (8u << 20))
		return; /* small files finish before a bar could be read */
	int pct = total ? (int)(done * 100 / total) : 100;
	int width = 30, fill = pct * width / 100;
	fprintf(stderr, "\r%-18s [", p->label);
	for (int i = 0; i < width; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%% %llu/%llu MB", pct, done >> 20, total >> 20);
	fflush(stderr);
	p->shown = 1;
}

void progress_done(struct progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r%*s\r", 79, "");
	p->shown = 0;
}
