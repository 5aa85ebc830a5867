/* SPDX-License-Identifier: MIT */
/*
 * Unit tests: document metadata (wn_doc_meta).  Small inline pages check
 * each source (JSON-LD, Open Graph, other meta tags, markup), the order
 * in which they win, date normalization and text documents; three
 * trimmed real <head> sections in tests/fixtures/meta check the whole.
 */
#include "tap.h"
#include "common.h"

static struct wn_doc *parse_as(const char *s, const char *url,
			       enum wn_kind kind)
{
	struct wn_parse_opts o = {.url = url, .kind = kind};
	struct wn_doc *d = NULL;

	if (wn_doc_parse(s, strlen(s), &o, &d) != 0)
		return NULL;
	return d;
}

static struct wn_doc *parse(const char *s)
{
	return parse_as(s, NULL, WN_KIND_AUTO);
}

/* The title of a page, copied so the document can be freed at once. */
static char *title_of(const char *html)
{
	struct wn_doc *d = parse(html);
	const char *t = d ? wn_doc_meta(d)->title : NULL;
	char *r = t ? strdup(t) : NULL;

	wn_doc_free(d);
	return r;
}

static char *date_of(const char *html)
{
	struct wn_doc *d = parse(html);
	const char *t = d ? wn_doc_meta(d)->date : NULL;
	char *r = t ? strdup(t) : NULL;

	wn_doc_free(d);
	return r;
}

/* The date found in <meta name=date content=VALUE>. */
static char *norm(const char *value)
{
	char html[512];

	snprintf(html, sizeof(html),
		 "<head><meta name=\"date\" content=\"%s\"></head>", value);
	return date_of(html);
}

static char *read_fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *f;
	char *buf = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/tests/fixtures/meta/%s",
		 top ? top : ".", name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	for (;;) {
		char *p = realloc(buf, len + 4097);
		size_t k;

		if (!p)
			break;
		buf = p;
		k = fread(buf + len, 1, 4096, f);
		len += k;
		buf[len] = '\0';
		if (k == 0)
			break;
	}
	fclose(f);
	return buf;
}

static struct wn_doc *parse_fixture(const char *name)
{
	char *html = read_fixture(name);
	struct wn_doc *d = html ? parse(html) : NULL;

	free(html);
	return d;
}

int main(void)
{
	struct wn_doc *d;
	const struct wn_meta *m;
	char *s;

	/* JSON-LD: every field from one NewsArticle */
	d = parse(
		"<html><head><script type=\"application/ld+json\">"
		"{\"@context\": \"https://schema.org\","
		" \"@type\": \"NewsArticle\","
		" \"headline\": \"Rates  rise\\n again\","
		" \"datePublished\": \"2019-11-19T06:56:43-0500\","
		" \"author\": [{\"@type\": \"Person\", \"name\": \"Ann Lee\"},"
		"   {\"@type\": \"Person\", \"name\": \"Bo Ek\"},"
		"   {\"@type\": \"Organization\", \"name\": \"Wire\"}],"
		" \"url\": \"https://news.example/a/1\","
		" \"publisher\": {\"@type\": \"Organization\","
		"   \"name\": \"Example News\"},"
		" \"inLanguage\": \"en-GB\","
		" \"description\": \"Why rates rose.\","
		" \"image\": {\"@type\": \"ImageObject\","
		"   \"url\": \"https://news.example/i.jpg\"}}"
		"</script></head><body><p>x</p></body></html>");
	m = wn_doc_meta(d);
	is_str(m->title, "Rates rise again",
	       "ld: headline, white space collapsed");
	is_str(m->authors[0], "Ann Lee", "ld: first author");
	is_str(m->authors[1], "Bo Ek", "ld: second author");
	ok(m->authors[2] == NULL, "ld: the organization beside people dropped");
	is_str(m->author, "Ann Lee, Bo Ek", "ld: authors joined");
	is_str(m->date, "2019-11-19T06:56:43-05:00", "ld: date normalized");
	is_str(m->url, "https://news.example/a/1", "ld: url");
	is_str(m->site_name, "Example News", "ld: publisher is the site");
	is_str(m->lang, "en-GB", "ld: inLanguage");
	is_str(m->description, "Why rates rose.", "ld: description");
	is_str(m->image, "https://news.example/i.jpg", "ld: image object");
	wn_doc_free(d);

	/* JSON-LD: Yoast's @graph with references, the page before the
	 * article, "</" escaped by winnow and HTML references in strings */
	d = parse(
		"<head><script type='application/ld+json'>{\"@graph\": ["
		"{\"@type\": \"WebPage\", \"@id\": \"https://b.example/p#wp\","
		" \"name\": \"Page name - B\", \"datePublished\": "
		"\"2001-01-01\"},"
		"{\"@type\": [\"Article\"], \"headline\": \"Tom &amp; Jerry"
		"&#8217;s </b> day\","
		" \"author\": {\"@id\": \"https://b.example/#/person/1\"},"
		" \"publisher\": {\"@id\": \"https://b.example/#org\"},"
		" \"image\": {\"@id\": \"https://b.example/p#img\"},"
		" \"mainEntityOfPage\": {\"@id\": \"https://b.example/p\"}},"
		"{\"@type\": \"Person\", \"@id\": "
		"\"https://b.example/#/person/1\","
		" \"name\": \"Cy Twombly\"},"
		"{\"@type\": \"Organization\", \"@id\": "
		"\"https://b.example/#org\","
		" \"name\": \"B Daily\"},"
		"{\"@type\": \"ImageObject\", \"@id\": "
		"\"https://b.example/p#img\","
		" \"url\": \"https://b.example/img.png\"}]}</script></head>");
	m = wn_doc_meta(d);
	is_str(m->title, "Tom & Jerry\xe2\x80\x99s </b> day",
	       "@graph: the article beats the page; references decoded once");
	is_str(m->author, "Cy Twombly", "@graph: author by @id");
	is_str(m->site_name, "B Daily", "@graph: publisher by @id");
	is_str(m->image, "https://b.example/img.png", "@graph: image by @id");
	is_str(m->url, "https://b.example/p", "@graph: mainEntityOfPage @id");
	is_str(m->date, "2001-01-01",
	       "@graph: the page's date when the "
	       "article has none");
	wn_doc_free(d);

	/* JSON-LD that jansson cannot read is skipped; trailing commas are
	 * repaired; teaser lists are not the page */
	s = title_of(
		"<head><script type=application/ld+json>{\"headline\": "
		"\"Broken\" \"x\"}</script><script type=application/ld+json>"
		"{\"@type\": \"ItemList\", \"itemListElement\": [{\"@type\":"
		" \"NewsArticle\", \"headline\": \"Teaser\"}]}</script>"
		"<meta property=og:title content=\"From OG\"></head>");
	is_str(s, "From OG", "broken JSON-LD and ItemList teasers ignored");
	free(s);
	s = title_of(
		"<script type=\"application/ld+json\">\n<!--\n"
		"{\"@type\": \"BlogPosting\", \"headline\": \"Line\nbreak\","
		" \"keywords\": [\"a\", \"b\", ],}\n-->\n</script>");
	is_str(s, "Line break",
	       "JSON-LD: raw newline, trailing commas, "
	       "comment wrapper");
	free(s);

	/* Open Graph */
	d = parse("<head><meta property=\"og:title\" content=\"OG title\">"
		  "<meta property=\"og:site_name\" content=\"OG Site\">"
		  "<meta property=\"og:description\" content=\"OG desc\">"
		  "<meta property=\"og:image\" content=\"/img/a.jpg\">"
		  "<meta property=\"og:locale\" content=\"pt_BR\">"
		  "<meta property=\"article:published_time\" "
		  "content=\"2020-02-29T23:59:60Z\">"
		  "<meta property=\"article:author\" "
		  "content=\"https://facebook.com/someone\">"
		  "<meta property=\"article:author\" content=\"Di Fox\">"
		  "<meta property=\"article:author\" content=\"Ed Gu\">"
		  "<link rel=\"canonical\" href=\"https://og.example/x/y\">"
		  "</head><body><h1>Heading</h1></body>");
	m = wn_doc_meta(d);
	is_str(m->title, "OG title", "og:title beats <h1>");
	is_str(m->site_name, "OG Site", "og:site_name");
	is_str(m->description, "OG desc", "og:description");
	is_str(m->image, "https://og.example/img/a.jpg",
	       "og:image resolved against the canonical URL");
	is_str(m->lang, "pt-BR", "og:locale as a language tag");
	is_str(m->date, "2020-02-29T23:59:60Z", "article:published_time");
	is_str(m->author, "Di Fox, Ed Gu",
	       "article:author: every name, no profile URL");
	is_str(m->url, "https://og.example/x/y", "canonical link");
	wn_doc_free(d);

	/* other meta tags */
	d = parse(
		"<head><meta name=\"twitter:title\" content=\"Tw title\">"
		"<meta name=\"author\" content=\"By Jo Ma and Li Po\">"
		"<meta name=\"dc.creator\" content=\"Not Used\">"
		"<meta name=\"description\" content=\"Meta &amp; desc\">"
		"<meta name=\"sailthru.date\" content=\"2019-11-19 06:30:42\">"
		"<meta name=\"twitter:image\" content=\"https://t.example/i\">"
		"<meta name=\"dc.language\" content=\"de\">"
		"<meta name=\"language\" content=\"italiano (italian)\">"
		"<title>Doc title</title></head>");
	m = wn_doc_meta(d);
	is_str(m->title, "Tw title", "twitter:title beats <title>");
	is_str(m->author, "Jo Ma, Li Po", "name=author: By dropped, split");
	is_str(m->description, "Meta & desc",
	       "attribute entities decoded once, by libxml2");
	is_str(m->date, "2019-11-19T06:30:42", "sailthru.date");
	is_str(m->image, "https://t.example/i", "twitter:image");
	is_str(m->lang, "de", "dc.language; a language name is no tag");
	ok(m->site_name == NULL && m->url == NULL,
	   "no site name, no URL when none is given");
	wn_doc_free(d);
	s = date_of("<meta name=\"parsely-pub-date\" content=\"2019-01-01\">"
		    "<meta property=\"article:published_time\" "
		    "content=\"2019-02-02\">");
	is_str(s, "2019-02-02", "Open Graph beats parsely- in any order");
	free(s);
	s = title_of("<meta name=\"parsely-title\" content=\"Parsely\">"
		     "<meta name=\"dc.title\" content=\"DC\">");
	is_str(s, "DC", "dc.title beats parsely-title");
	free(s);

	/* markup: <title> less the site, <h1>, <time>, <html lang> */
	s = title_of("<html><head><title>The story | Daily Planet</title>"
		     "<meta property=og:site_name content=\"The Daily Planet\">"
		     "</head><body><h1>Other</h1></body></html>");
	is_str(s, "The story", "<title>: \" | Site\" dropped");
	free(s);
	s = title_of("<title>Daily Planet - The story</title>"
		     "<meta name=application-name content=\"Daily Planet\">");
	is_str(s, "The story", "<title>: leading \"Site - \" dropped");
	free(s);
	s = title_of("<title>A - B - C</title>");
	is_str(s, "A - B - C", "<title>: no site, nothing dropped");
	free(s);
	s = title_of("<title>Big news today \xe2\x80\x94 Planet Weekly"
		     "</title><body><h1>Big news today</h1>");
	is_str(s, "Big news today", "<title> that begins with the <h1>");
	free(s);
	s = title_of("<body><h1><img alt=logo></h1><h1> First\n real "
		     "</h1><h1>Second</h1></body>");
	is_str(s, "First real", "the first <h1> with text");
	free(s);
	d = parse_as("<html lang=\"en_US\"><head>"
		     "<link rel=\"canonical\" href=\"/c/d\"></head><body>"
		     "<time datetime=\"2018-05-06\">May 6</time>"
		     "<time pubdate datetime=\"2020-01-02T03:04Z\">Jan</time>"
		     "</body></html>",
		     "https://given.example/a/b", WN_KIND_AUTO);
	m = wn_doc_meta(d);
	is_str(m->date, "2020-01-02T03:04:00Z",
	       "<time pubdate> beats "
	       "the first <time>");
	is_str(m->lang, "en-US", "<html lang>");
	is_str(m->url, "https://given.example/c/d",
	       "relative canonical resolved against the given URL");
	ok(m->title == NULL && m->author == NULL && m->authors[0] == NULL,
	   "no title, no author");
	wn_doc_free(d);
	s = date_of("<body><time datetime=\"2018-05-06\">x</time>"
		    "<span itemprop=\"datePublished\">March 3, 2017</span>");
	is_str(s, "2017-03-03", "microdata datePublished beats a plain <time>");
	free(s);
	d = parse("<body><p class=byline itemprop=author itemscope>By "
		  "<span itemprop=name>Ray Ng</span></p><div class=comments>"
		  "<a rel=author href=/u/x>Commenter</a></div></body>");
	is_str(wn_doc_meta(d)->author, "Ray Ng",
	       "microdata author; later bylines not added");
	wn_doc_free(d);

	/* the whole priority order on one page */
	{
		static const char *const layers[] = {
			"<script type=application/ld+json>{\"@type\": "
			"\"Article\", \"headline\": \"L0\"}</script>",
			"<meta property=og:title content=L1>",
			"<meta name=twitter:title content=L2>",
			"<title>L3</title>",
			"<h1>L4</h1>",
		};
		char html[1024];
		int good = 0;

		for (size_t first = 0; first < 5; first++) {
			html[0] = '\0';
			/* markup first, so order in the page cannot help */
			for (size_t i = 5; i-- > first;)
				strcat(html, layers[i]);
			s = title_of(html);
			good += s && s[0] == 'L' && s[1] == (char)('0' + first);
			free(s);
		}
		is_int(good, 5, "JSON-LD > Open Graph > meta > <title> > <h1>");
	}

	/* dates */
	s = norm("November 20, 2019 13:42");
	is_str(s, "2019-11-20T13:42:00", "date: month name");
	free(s);
	s = norm("Tue, 19 Nov 2019 21:57:01 +0000");
	is_str(s, "2019-11-19T21:57:01+00:00", "date: RFC 822");
	free(s);
	s = norm("Monday, November 18, 2019, 08:19 PM EST");
	is_str(s, "2019-11-18T20:19:00-05:00",
	       "date: 12-hour clock, zone name");
	free(s);
	s = norm("20191119");
	is_str(s, "2019-11-19", "date: basic format");
	free(s);
	s = norm("2019-11-19T01:48:03.835Z");
	is_str(s, "2019-11-19T01:48:03Z", "date: fraction dropped");
	free(s);
	s = norm("Fall 2019");
	is_str(s, "Fall 2019", "date: unparseable kept as found");
	free(s);
	s = date_of("<meta name=date content=\"0001-01-01T00:00Z\">"
		    "<time datetime=\"2019-13-01\">x</time>"
		    "<time datetime=\"2019-12-01\">y</time>");
	is_str(s, "2019-12-01", "date: impossible dates skipped");
	free(s);

	/* text documents */
	d = parse_as("A Short Title\n\nThe body of it. More words here.\n",
		     NULL, WN_KIND_TEXT);
	m = wn_doc_meta(d);
	is_str(m->title, "A Short Title", "text: a title-like first line");
	ok(!m->author && !m->date && !m->url && !m->site_name && !m->lang &&
		   !m->description && !m->image && m->authors && !m->authors[0],
	   "text: everything else empty");
	wn_doc_free(d);
	d = parse_as("This first line is a sentence.\n\nBody.\n", NULL,
		     WN_KIND_TEXT);
	ok(wn_doc_meta(d)->title == NULL, "text: a sentence is no title");
	wn_doc_free(d);

	/* nothing at all */
	d = parse("<p>just text</p>");
	m = wn_doc_meta(d);
	ok(m && !m->title && !m->date && m->authors && !m->authors[0],
	   "no metadata: NULL fields, empty author list");
	wn_doc_free(d);

	/* real pages (trimmed <head>s from the scrapinghub-aeb corpus) */
	d = parse_fixture("yoast-graph.html");
	ok(d != NULL, "fixture yoast-graph read");
	if (d) {
		m = wn_doc_meta(d);
		is_str(m->title, "Hiking the Boulder Flat Irons",
		       "yoast: the BlogPosting's headline, not the WebPage");
		is_str(m->author, "Regan", "yoast: author");
		is_str(m->date, "2014-09-15", "yoast: date");
		is_str(m->site_name, "The Anti-June Cleaver", "yoast: site");
		is_str(m->lang, "en-US", "yoast: language");
	}
	wn_doc_free(d);
	d = parse_fixture("og-parsely.html");
	ok(d != NULL, "fixture og-parsely read");
	if (d) {
		m = wn_doc_meta(d);
		is_str(m->title, "Opening Bell 11.18.19",
		       "parsely: og:title without JSON-LD");
		is_str(m->author, "The Water Coolest", "parsely: author");
		is_str(m->date, "2019-11-18T11:30:00Z", "parsely: date");
		is_str(m->url,
		       "https://dealbreaker.com/2019/11/"
		       "opening-bell-11-18-19",
		       "parsely: url");
		is_str(m->site_name, "Dealbreaker", "parsely: site");
	}
	wn_doc_free(d);
	d = parse_fixture("ld-trailing-comma.html");
	ok(d != NULL, "fixture ld-trailing-comma read");
	if (d) {
		m = wn_doc_meta(d);
		is_str(m->title, "Three Cases of Plague Diagnosed in China",
		       "smithsonian: headline");
		is_str(m->author, "Brigit Katz",
		       "smithsonian: JSON-LD read despite a trailing comma");
		is_str(m->date, "2019-11-18T16:06:51-05:00",
		       "smithsonian: date");
		is_str(m->site_name, "Smithsonian.com", "smithsonian: site");
	}
	wn_doc_free(d);
	return done_testing();
}
