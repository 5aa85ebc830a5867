# SPDX-License-Identifier: MIT
# awk -v size=BYTES [-v seed=N] -f page.awk: a news article page of
# about BYTES bytes, for tests/bench/perf.sh.
#
# A site header with its nav, then one article: a heading, a byline and
# sections (h2, paragraphs with links and emphasis, a list, h3, more
# paragraphs, now and then a quote or a figure, a "related" box of
# links) repeated until the size is reached; then a sidebar and a site
# footer.  The words are drawn at random with a fixed seed (the same
# page every time, no two paragraphs alike).  Under 4000 bytes, a small
# page: a short nav, a heading, paragraphs, a footer.

function w() { return words[int(rand() * nw) + 1] }
function phrase(k,  s, i) {
	s = w()
	for (i = 1; i < k; i++)
		s = s " " w()
	return s
}
function slug(k,  s) { s = phrase(k); gsub(/ /, "-", s); return s }
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function link(href, text) { return "<a href=\"" href "\">" text "</a>" }
function sentence(  s, r) {
	s = cap(phrase(6 + int(rand() * 10)))
	r = rand()
	if (r < 0.25)
		s = s " " link("https://news.example.com/" (2018 + int(rand() * 7)) \
		    "/" slug(4), phrase(2 + int(rand() * 3)))
	else if (r < 0.35)
		s = s " <em>" phrase(2) "</em>"
	else if (r < 0.4)
		s = s " <strong>" phrase(3) "</strong>"
	return s " " phrase(2 + int(rand() * 5)) "."
}
function para(  s, i, k) {
	k = 3 + int(rand() * 4)
	s = sentence()
	for (i = 1; i < k; i++)
		s = s " " sentence()
	return "<p>" s "</p>\n"
}
function section(n,  s, i, k) {
	s = "<section id=\"part-" n "\">\n<h2>" cap(phrase(4 + int(rand() * 4))) \
	    "</h2>\n"
	for (i = 0; i < 3; i++)
		s = s para()
	s = s "<ul>\n"
	k = 3 + int(rand() * 4)
	for (i = 0; i < k; i++)
		s = s "<li>" sentence() "</li>\n"
	s = s "</ul>\n<h3>" cap(phrase(3 + int(rand() * 3))) "</h3>\n" para() \
	    para()
	if (n % 3 == 0)
		s = s "<blockquote><p>" sentence() " " sentence() \
		    "</p></blockquote>\n"
	if (n % 4 == 1)
		s = s "<figure><img src=\"/img/" slug(3) ".jpg\" alt=\"" \
		    phrase(5) "\" width=\"800\" height=\"450\"><figcaption>" \
		    sentence() "</figcaption></figure>\n"
	s = s "<aside class=\"related\"><h4>Related</h4><ul>"
	for (i = 0; i < 3; i++)
		s = s "<li>" link("/news/" slug(5), cap(phrase(6))) "</li>"
	return s "</ul></aside>\n</section>\n"
}
function small(  bytes, p) {
	print "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">" \
	    "<title>" cap(phrase(5)) " | Example News</title></head>\n<body>"
	print "<nav>" link("/", "Home") " " link("/world", "World") " " \
	    link("/sport", "Sport") "</nav>"
	print "<article><h1>" cap(phrase(6)) "</h1>"
	bytes = 400
	do {
		p = para()
		printf "%s", p
		bytes += length(p)
	} while (bytes < size - 150)
	print "</article>\n<footer>" link("/about", "About") " " \
	    link("/privacy", "Privacy") " &copy; 2024 Example News</footer>"
	print "</body>\n</html>"
}
BEGIN {
	srand(seed ? seed : 7)
	nw = split("the of and to in a is that for it as was with be by on " \
	    "not he this are or his from at which but have an they you were " \
	    "her she there been one all we their has would when if so what " \
	    "out up into more no about time than them two may only other new " \
	    "some could these also first any its now over such like our then " \
	    "after even most made many before must through back years where " \
	    "much your way well down should because each just those people " \
	    "how too state good very make world still own see men work long " \
	    "here get both between life being under never day same another " \
	    "know while last might us great old year off come since against " \
	    "go came right used take three states himself few house use " \
	    "during without again place around however home small found " \
	    "thought went say part once general high upon school every does " \
	    "got united left number course war until always away something " \
	    "fact though water less public put think almost hand enough far " \
	    "took head yet government system better set told nothing night " \
	    "end why called eyes find going look asked later knew point next " \
	    "city business give group toward young days let room president " \
	    "side social given present several order national possible " \
	    "rather second face per among form important often things looked " \
	    "early white case become large big need four within felt along " \
	    "children saw best church ever least power development light " \
	    "thing seemed family interest want members mind country area " \
	    "others done turned although open service certain kind problem " \
	    "began different door thus help sense means whole matter perhaps " \
	    "itself times law human line above name example action company " \
	    "hands local show whether five history gave either today act feet " \
	    "across taken past quite anything seen having death week " \
	    "experience body word half really field car words already " \
	    "themselves information tell together college shall money period " \
	    "held keep sure probably free seems political real behind cannot " \
	    "miss question air office making brought whose special major " \
	    "heard problems federal became study ago moment available known " \
	    "result street economic boy position reason change south board " \
	    "individual job areas society west close turn love community true " \
	    "court force full seem", words, " ")
	if (size < 4000) {
		small()
		exit
	}
	print "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
	print "<title>" cap(phrase(7)) " | Example News</title>"
	print "<meta name=\"description\" content=\"" cap(phrase(18)) ".\">"
	print "<meta property=\"og:site_name\" content=\"Example News\">"
	print "<meta name=\"author\" content=\"Jane Doe\">"
	print "<link rel=\"canonical\" href=\"https://news.example.com/2024/05/" \
	    slug(6) "\">"
	print "<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>"
	print "<header class=\"site-header\"><a class=\"logo\" href=\"/\">" \
	    "Example News</a>"
	print "<nav class=\"main-nav\"><ul><li>" link("/world", "World") \
	    "</li><li>" link("/politics", "Politics") "</li><li>" \
	    link("/business", "Business") "</li><li>" link("/science", "Science") \
	    "</li><li>" link("/sport", "Sport") "</li><li>" \
	    link("/culture", "Culture") "</li><li>" link("/opinion", "Opinion") \
	    "</li></ul></nav></header>"
	print "<main><article class=\"story\">\n<header><h1>" cap(phrase(8)) \
	    "</h1>"
	print "<p class=\"byline\">By " link("/authors/jane-doe", "Jane Doe") \
	    " &middot; <time datetime=\"2024-05-03T09:30:00Z\">May 3, 2024" \
	    "</time></p></header>"
	tail = "</article>\n<aside class=\"sidebar\"><h2>Most read</h2><ol>" \
	    "<li>" link("/a", cap(phrase(6))) "</li><li>" \
	    link("/b", cap(phrase(6))) "</li><li>" link("/c", cap(phrase(6))) \
	    "</li></ol></aside></main>\n<footer class=\"site-footer\"><nav>" \
	    link("/about", "About us") " " link("/contact", "Contact") " " \
	    link("/privacy", "Privacy policy") " " link("/terms", "Terms of use") \
	    "</nav><p>&copy; 2024 Example News. All rights reserved.</p>" \
	    "</footer>\n</body>\n</html>"
	bytes = 1300 + length(tail)
	n = 0
	do {
		s = section(n++)
		printf "%s", s
		bytes += length(s)
	} while (bytes < size)
	print tail
}
