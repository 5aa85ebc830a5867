/* SPDX-License-Identifier: MIT */
/*
 * t_touch (test): changes elements by class, so tests can see which
 * changes the core lets through: class "rm" is removed, "uw" unwrapped,
 * "tx" has its text replaced by "changed", "at" gets data-t="1".
 * First, elements whose id starts with "k" are kept (wn_run_keep).
 */
#include <libxml/xpath.h>

#include <winnow/plugin.h>

static int touch_run(void *inst, struct wn_run *run)
{
	xmlXPathContextPtr x;
	xmlXPathObjectPtr r;
	int rc = 0;

	(void)inst;
	x = xmlXPathNewContext(wn_run_body(run)->doc);
	if (!x)
		return WN_ENOMEM;
	r = xmlXPathEvalExpression(BAD_CAST "//body//*[starts-with(@id,'k')]",
				   x);
	for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr && !rc;
	     i++)
		rc = wn_run_keep(run, r->nodesetval->nodeTab[i]);
	xmlXPathFreeObject(r);
	r = xmlXPathEvalExpression(BAD_CAST "//body//*[@class]", x);
	for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr && !rc;
	     i++) {
		xmlNodePtr n = r->nodesetval->nodeTab[i];

		if (wn_node_has_class(n, "rm"))
			rc = wn_run_remove(run, n);
		else if (wn_node_has_class(n, "uw"))
			rc = wn_run_unwrap(run, n);
		else if (wn_node_has_class(n, "tx"))
			rc = wn_run_set_text(run, n, "changed");
		else if (wn_node_has_class(n, "at"))
			rc = wn_run_set_attr(run, n, "data-t", "1");
	}
	if (!r)
		rc = WN_ENOMEM;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	return rc;
}

WN_PLUGIN_DEFINE(t_touch, .version = "1.0",
		 .summary = "test: remove, unwrap and change by class",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = touch_run);
