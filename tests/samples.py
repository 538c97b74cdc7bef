"""Small sample pages shared by the batch, CLI and Spark tests."""

PAGE = (
    "Minister resigns after budget row\n\n"
    "By Jane Doe\n\n"
    "LONDON - The finance minister resigned on Tuesday after a week of arguments over the "
    "budget, officials said, leaving the government without its most senior economist.\n\n"
    "Advertisement\n\n"
    "The prime minister thanked her for her service and said a successor would be named "
    "within days, according to a statement released by the government on Tuesday evening.\n"
)
HTML = (
    "<html><head><title>Harbour reopens | Coast News</title></head><body><article>"
    "<h1>Harbour reopens</h1><p>The harbour reopened on Monday after repairs to the sea "
    "wall that took most of the winter, the port authority said in a statement.</p>"
    "<p>Fishing boats were the first to leave, followed by the morning ferry to the "
    "islands, which had been cancelled for three months.</p></article></body></html>"
)
