/* SPDX-License-Identifier: MIT */
/*
 * media: give lazy-loaded images their real address, so figures survive
 * in the cleaned page.  Lazy loaders ship an <img> whose src is a
 * placeholder (a data: URI, a 1x1 gif, "blank.png", nothing at all) and
 * keep the picture in data-src, data-lazy-src, data-original or a
 * data-srcset, which a script swaps in; a cleaned page has no script.
 * The address is copied into src (the largest srcset candidate when
 * only a set is given), data-srcset into srcset, and the same for
 * <source> in <picture> and lazy <iframe> embeds.  A placeholder <img>
 * followed by a <noscript> holding the real <img> is replaced by that
 * image; a <noscript> image with no image beside it is let out.  An
 * image whose src is real is left alone even when a data-src differs
 * (that is a zoom or high-resolution copy).  Text documents have no
 * images: nothing to do.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

/* Attributes holding the real address of a lazy image or frame, most
 * trusted first. */
static const char *const lazy_src[] = {
	/* lazysizes, lozad, WP Rocket and most WordPress plugins */
	"data-src", "data-lazy-src", "data-original", "data-original-src",
	"data-lazy", "data-lzl-src", "data-wpfc-original-src", "data-echo",
	/* site-made ones seen often enough */
	"data-hi-res-src", "data-full-src", "data-img-src", "data-actualsrc",
	NULL};

/* Attributes holding a lazy srcset. */
static const char *const lazy_srcset[] = {"data-srcset", "data-lazy-srcset",
					  "data-original-set", NULL};

/* Words of the file names of placeholder images ("lazy_placeholder.gif",
 * "grey-pixel.gif", "1x1.trans.gif", "blank.png"): these in any file,
 * */
static const char *const placeholder_words[] = {
	"blank",    "spacer",      "1x1", "placeholder",
	"lazyload", "transparent", NULL};

/* ... these only in a gif, png or svg, since photographs are named with
 * them too ("pixel-8-review.jpg", "loading-dock.jpg"). */
static const char *const placeholder_words_small[] = {
	"pixel", "lazy", "loading", "loader", "trans", "grey",
	"gray",  "dot",  "empty",   "clear",  NULL};

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	       *s == '\f')
		s++;
	return s;
}

static bool word_in(const char *w, size_t k, const char *const *words)
{
	for (const char *const *p = words; *p; p++)
		if (strlen(*p) == k && !strncasecmp(w, *p, k))
			return true;
	return false;
}

/* A src that shows nothing until a script replaces it: none, a data:
 * URI, or a file named as a placeholder.  Only words of the file name
 * count: "unloading-boxes.jpg" is a photograph. */
static bool placeholder(const char *src)
{
	const char *name, *end, *ext;
	bool small;

	src = skip_space(src);
	if (!*src || !strncasecmp(src, "data:", 5) ||
	    !strncasecmp(src, "about:blank", 11) || !strcmp(src, "#"))
		return true;
	end = src + strcspn(src, "?#");
	for (name = end; name > src && name[-1] != '/';)
		name--;
	for (ext = end; ext > name && ext[-1] != '.';)
		ext--;
	small = end - ext == 3 &&
		(!strncasecmp(ext, "gif", 3) || !strncasecmp(ext, "png", 3) ||
		 !strncasecmp(ext, "svg", 3));
	while (name < end) {
		size_t k = strcspn(name, "-_.~ ?#");

		if (name + k > end)
			k = (size_t)(end - name);
		if (k && (word_in(name, k, placeholder_words) ||
			  (small && word_in(name, k, placeholder_words_small))))
			return true;
		name += k + 1;
	}
	return false;
}

/* A value that can stand as an address: not empty, not a data: URI, no
 * white space inside (a flag such as "true" has no '/' or '.'). */
static bool usable_url(const char *v)
{
	const char *e;

	v = skip_space(v);
	if (!*v || !strncasecmp(v, "data:", 5))
		return false;
	e = v + strlen(v);
	while (e > v && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		e--;
	for (const char *p = v; p < e; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '{' ||
		    *p == '<')
			return false; /* a flag, or a script's template */
	return strpbrk(v, "/.") != NULL;
}

/*
 * The largest candidate of a srcset ("a.jpg 480w, b.jpg 1080w" or
 * "a.jpg, b.jpg 2x"), as the HTML parsing rules split it: a URL is a
 * run of non-space characters (commas at its end separate candidates),
 * then descriptors up to a comma outside parentheses.  Widths beat
 * densities; no descriptor is 1x.  Returns a malloc'd copy or NULL.
 */
static char *srcset_best(const char *set)
{
	const char *p = set, *best = NULL;
	size_t best_len = 0;
	double best_w = -1, best_x = -1;

	while (*p) {
		const char *u, *ue;
		double w = -1, x = 1;

		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n' ||
		       *p == '\r' || *p == '\f')
			p++;
		if (!*p)
			break;
		u = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r' && *p != '\f')
			p++;
		ue = p;
		if (ue > u && ue[-1] == ',') {
			while (ue > u && ue[-1] == ',')
				ue--;
		} else {
			/* descriptors up to the next comma outside () */
			int depth = 0;

			while (*p && (*p != ',' || depth)) {
				const char *d = skip_space(p);
				char *end;
				double v;

				if (*d == ',' && !depth) {
					p = d;
					break;
				}
				if (*d == '(')
					depth++;
				else if (*d == ')' && depth)
					depth--;
				if (*d >= '0' && *d <= '9') {
					v = strtod(d, &end);
					if (*end == 'w')
						w = v;
					else if (*end == 'x')
						x = v;
					p = end > d ? end : d + 1;
				} else {
					p = *d ? d + 1 : d;
				}
			}
		}
		if (ue == u || !strncasecmp(u, "data:", 5))
			continue;
		if (w > best_w || (w < 0 && best_w < 0 && x > best_x)) {
			best = u;
			best_len = (size_t)(ue - u);
			best_w = w;
			best_x = x;
		}
	}
	return best ? strndup(best, best_len) : NULL;
}

/* The real address of a lazy element, or NULL: a lazy src attribute,
 * else the best candidate of a lazy srcset or of srcset.  malloc'd. */
static char *real_src(const xmlNode *n)
{
	static const char *const sets[] = {"data-srcset", "data-lazy-srcset",
					   "data-original-set", "srcset", NULL};
	char *best = NULL;

	for (const char *const *a = lazy_src; *a && !best; a++) {
		xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)*a);

		if (v && usable_url((const char *)v))
			best = strdup(skip_space((const char *)v));
		xmlFree(v);
	}
	for (const char *const *a = sets; *a && !best; a++) {
		xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)*a);

		if (v)
			best = srcset_best((const char *)v);
		xmlFree(v);
	}
	/* trailing white space of an attribute is no part of a URL */
	if (best) {
		size_t k = strlen(best);

		while (k && (best[k - 1] == ' ' || best[k - 1] == '\n' ||
			     best[k - 1] == '\t'))
			best[--k] = '\0';
	}
	return best;
}

/* src (img, iframe) and srcset (img, source) from the lazy attributes. */
static int fix_lazy(struct wn_run *run, xmlNodePtr n)
{
	bool is_source = xmlStrEqual(n->name, BAD_CAST "source");
	xmlChar *src = xmlGetNoNsProp(n, BAD_CAST "src");
	xmlChar *set = xmlGetNoNsProp(n, BAD_CAST "srcset");
	int rc = 0;

	if (!is_source && (!src || placeholder((const char *)src))) {
		char *real = real_src(n);

		if (real && (!src || strcmp(real, (const char *)src)))
			rc = wn_run_set_attr(run, n, "src", real);
		free(real);
	}
	if (!rc && !xmlStrEqual(n->name, BAD_CAST "iframe") &&
	    (!set || !*skip_space((const char *)set) ||
	     !strncasecmp(skip_space((const char *)set), "data:", 5))) {
		for (const char *const *a = lazy_srcset; *a; a++) {
			xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)*a);
			bool ok = v && *skip_space((const char *)v) &&
				  strncasecmp(skip_space((const char *)v),
					      "data:", 5);

			if (ok)
				rc = wn_run_set_attr(run, n, "srcset",
						     (const char *)v);
			xmlFree(v);
			if (ok)
				break;
		}
	}
	xmlFree(src);
	xmlFree(set);
	return rc;
}

/* A declared width or height in pixels, or -1. */
static long dimension(const xmlNode *n, const char *attr)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST attr);
	char *end;
	long d = -1;

	if (v) {
		d = strtol((const char *)v, &end, 10);
		if (end == (char *)v)
			d = -1;
	}
	xmlFree(v);
	return d;
}

/* A declared size of at most one pixel: a beacon, not a picture. */
static bool tiny(const xmlNode *img)
{
	long w = dimension(img, "width"), h = dimension(img, "height");

	return (w >= 0 && w <= 1) || (h >= 0 && h <= 1);
}

/* Has img a real picture to show? */
static bool real_image(const xmlNode *img)
{
	xmlChar *src = xmlGetNoNsProp(img, BAD_CAST "src");
	bool real = src && usable_url((const char *)src) &&
		    !placeholder((const char *)src) && !tiny(img);

	xmlFree(src);
	return real;
}

/* The one real <img> a <noscript> holds with nothing else that shows
 * (no text, no second image), or NULL. */
static xmlNodePtr noscript_image(xmlNodePtr ns)
{
	xmlNodePtr img = NULL;

	for (xmlNodePtr c = ns->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && wn_node_text_len(c) > 0)
			return NULL;
		else if (c->type == XML_TEXT_NODE && c->content &&
			 *skip_space((const char *)c->content))
			return NULL;
	for (xmlNodePtr c = wn_next_element(ns, ns, false); c;
	     c = wn_next_element(c, ns, false)) {
		if (!xmlStrEqual(c->name, BAD_CAST "img"))
			continue;
		if (img)
			return NULL;
		img = c;
	}
	return img && real_image(img) ? img : NULL;
}

/* The last <img> of n itself or of its subtree, outside <noscript>. */
static xmlNodePtr last_img(xmlNodePtr n)
{
	xmlNodePtr found = NULL;

	if (xmlStrEqual(n->name, BAD_CAST "img"))
		return n;
	for (xmlNodePtr c = wn_next_element(n, n, false); c;) {
		if (xmlStrEqual(c->name, BAD_CAST "noscript")) {
			c = wn_next_element(c, n, true);
			continue;
		}
		if (xmlStrEqual(c->name, BAD_CAST "img"))
			found = c;
		c = wn_next_element(c, n, false);
	}
	return found;
}

#define LOOK_BACK 3 /* siblings searched for the placeholder */

/* Is n the only thing in its parent but white space and comments? */
static bool alone(const xmlNode *n)
{
	for (const xmlNode *s = n->parent->children; s; s = s->next)
		if (s != n && s->type != XML_COMMENT_NODE &&
		    !(s->type == XML_TEXT_NODE &&
		      (!s->content || !*skip_space((const char *)s->content))))
			return false;
	return true;
}

/*
 * The image a <noscript> stands in for: the nearest <img> before it
 * among its siblings (or inside them), with no text in between; one
 * level up when the noscript is alone in a wrapper.  NULL when none.
 */
static xmlNodePtr image_before(xmlNodePtr ns, const xmlNode *body)
{
	for (int level = 0; level < 2; level++) {
		int seen = 0;

		for (xmlNodePtr s = ns->prev; s && seen < LOOK_BACK;
		     s = s->prev) {
			xmlNodePtr img;

			if (s->type == XML_TEXT_NODE && s->content &&
			    *skip_space((const char *)s->content))
				return NULL;
			if (s->type != XML_ELEMENT_NODE ||
			    xmlStrEqual(s->name, BAD_CAST "noscript") ||
			    xmlStrEqual(s->name, BAD_CAST "script"))
				continue;
			seen++;
			img = last_img(s);
			if (img)
				return img;
			if (wn_node_text_len(s) > 0)
				return NULL;
		}
		/* <span class="wrap"><noscript>..</noscript></span> */
		if (ns->parent == body || !alone(ns))
			break;
		ns = ns->parent;
	}
	return NULL;
}

/* Does an <img> follow ns right after it (the fallback may come
 * first)? */
static bool image_after(xmlNodePtr ns)
{
	for (xmlNodePtr s = ns->next; s; s = s->next) {
		if (s->type == XML_TEXT_NODE && s->content &&
		    *skip_space((const char *)s->content))
			return false;
		if (s->type == XML_ELEMENT_NODE)
			return !xmlStrEqual(s->name, BAD_CAST "noscript") &&
			       last_img(s) != NULL;
	}
	return false;
}

#define PICTURE_PX 32 /* smaller images are icons, badges or beacons */

/* Is a noscript image worth letting out: a picture with a description,
 * a set of sizes, a size of its own or a figure around it?  Beacons in
 * noscript have none of these. */
static bool shows_picture(const xmlNode *img)
{
	long w = dimension(img, "width"), h = dimension(img, "height");
	xmlChar *alt;
	bool yes;

	if ((w >= 0 && w < PICTURE_PX) || (h >= 0 && h < PICTURE_PX))
		return false;
	if (w >= PICTURE_PX || h >= PICTURE_PX ||
	    xmlHasProp(img, BAD_CAST "srcset"))
		return true;
	alt = xmlGetNoNsProp(img, BAD_CAST "alt");
	yes = alt && *skip_space((const char *)alt);
	xmlFree(alt);
	for (const xmlNode *up = img->parent; up && !yes; up = up->parent)
		yes = up->type == XML_ELEMENT_NODE &&
		      (xmlStrEqual(up->name, BAD_CAST "figure") ||
		       xmlStrEqual(up->name, BAD_CAST "picture"));
	return yes;
}

/* Put a copy of the noscript's image where the placeholder was. */
static int replace_placeholder(struct wn_run *run, xmlNodePtr ph,
			       xmlNodePtr img)
{
	xmlNodePtr parent = ph->parent, next = ph->next;
	xmlNodePtr copy;
	int rc;

	rc = wn_run_remove(run, ph);
	if (rc || ph->parent)
		return rc; /* refused: the placeholder is protected */
	copy = xmlDocCopyNode(img, img->doc, 1);
	if (!copy)
		return WN_ENOMEM;
	rc = next ? wn_run_insert_before(run, next, copy)
		  : wn_run_append(run, parent, copy);
	if (rc)
		xmlFreeNode(copy);
	return rc;
}

static int fix_noscript(struct wn_run *run, xmlNodePtr ns, const xmlNode *body)
{
	xmlNodePtr img = noscript_image(ns), ph;
	xmlChar *a, *b;
	bool same;

	if (!img)
		return 0;
	ph = image_before(ns, body);
	if (!ph) {
		/* the noscript is the only copy of the picture: let it
		 * out, unless an image follows it (a fallback written
		 * first) */
		return image_after(ns) || !shows_picture(img)
			       ? 0
			       : wn_run_unwrap(run, ns);
	}
	if (real_image(ph))
		return 0; /* the lazy copy works now: the noscript is spare */
	a = xmlGetNoNsProp(ph, BAD_CAST "src");
	b = xmlGetNoNsProp(img, BAD_CAST "src");
	same = a && b && xmlStrEqual(a, b);
	xmlFree(a);
	xmlFree(b);
	if (same)
		return 0;
	{
		int rc = replace_placeholder(run, ph, img);

		return rc ? rc : wn_run_remove(run, ns);
	}
}

static int media_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct wn_nodes ns = {0};
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	/* lazy attributes first: a placeholder fixed here makes its
	 * noscript twin spare */
	for (n = wn_next_element(body, body, false); n && !rc;
	     n = wn_next_element(n, body, false)) {
		if (xmlStrEqual(n->name, BAD_CAST "noscript")) {
			rc = wn_nodes_push(&ns, n);
		} else if (xmlStrEqual(n->name, BAD_CAST "img") ||
			   xmlStrEqual(n->name, BAD_CAST "iframe") ||
			   xmlStrEqual(n->name, BAD_CAST "source")) {
			/* images inside noscript are the fallbacks, already
			 * real */
			xmlNodePtr up = n->parent;

			while (up && up != body &&
			       !xmlStrEqual(up->name, BAD_CAST "noscript"))
				up = up->parent;
			if (up == body)
				rc = fix_lazy(run, n);
		}
	}
	for (size_t i = 0; i < ns.n && !rc; i++)
		/* not in a noscript gone since */
		if (wn_node_within(ns.v[i], body))
			rc = fix_noscript(run, ns.v[i], body);
	wn_nodes_free(&ns);
	return rc;
}

WN_PLUGIN_DEFINE(media, .version = "1.0",
		 .summary = "restore lazy-loaded images (data-src, srcset, "
			    "noscript fallbacks)",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = media_run);
