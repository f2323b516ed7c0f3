"""Interface languages: the gettext catalogs (locale/<lang>/LC_MESSAGES/messages.po, managed
with Babel), the language a page is rendered in, and names of languages and countries in it."""
