/*
 * progress: a one-line progress bar on stderr for long files. Shown only
 * when asked (--progress) or, by default, when stderr is a terminal.
 */
#ifndef CRMBATCH_PROGRESS_H
#define CRMBATCH_PROGRESS_H

struct progress {
	int enabled;
	const char *label;
	int shown;   /* something is on the line and must be cleared */
};

void progress_update(struct progress *p, unsigned long long done, unsigned long long total);
/* Clears the line if anything was drawn. */
void progress_done(struct progress *p);

#endif
