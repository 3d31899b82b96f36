/* rights: the acting user and roles (see include/rights.h). */
#include "rights.h"

#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

enum exit_code rights_acting_user(const struct config *cfg, const char *as_login, const struct user **out,
				  struct diag *err)
{
	const struct passwd *pw = getpwuid(geteuid());
	char login[64];
	if (pw)
		snprintf(login, sizeof login, "%s", pw->pw_name);
	else
		snprintf(login, sizeof login, "uid%ld", (long)geteuid());
	const struct user *u = config_user(cfg, login);
	if (!u && cfg->default_user)
		u = config_user(cfg, cfg->default_user);
	if (!u)
		return diag_set(err, EXIT_NOPERM, "the account '%s' is not a user of %s (add a [user %s] section)",
				login, cfg->path, login);
	if (as_login) {
		/* Only narrowing: an admin may act as another user, never the
		 * other way round. */
		const struct user *as = config_user(cfg, as_login);
		if (!(u->roles & ROLE_ADMIN))
			return diag_set(err, EXIT_NOPERM, "--user: '%s' is not an admin and may act only as itself", u->login);
		if (!as)
			return diag_set(err, EXIT_NOPERM, "--user: '%s' is not a user of %s", as_login, cfg->path);
		u = as;
	}
	*out = u;
	return EXIT_OK;
}

int rights_has(const struct user *u, enum role role)
{
	return (u->roles & (unsigned)role) || (u->roles & ROLE_ADMIN);
}
