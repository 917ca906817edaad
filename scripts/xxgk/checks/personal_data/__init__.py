"""The personal-information gate: numbers that must not be published.

Published government files have leaked 居民身份证号码, mobile numbers and bank
card numbers. Before publishing, every document's front matter, body and the
text of its attachments is scanned (`gate`); a hit is an error unless the
document's front matter accepts that one value with a written reason
(个人信息豁免), and every acceptance is reported on every check. What counts as
such a number is model.personal_numbers; reading attachments is `attachments`.
"""
