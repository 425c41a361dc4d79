"""The query budget of a page: it may not grow with the number of items the page lists."""


def assert_constant_queries(client, django_assert_num_queries, url, add_items, *, expected, small=3, large=10):
    """Render ``url`` with ``small`` items, then with ``large``; both must take exactly ``expected`` queries.

    ``add_items(n)`` creates ``n`` more of whatever the page lists. Returns the response with ``large`` items,
    so the caller can check that they are really on the page.
    """
    add_items(small)
    client.get(url)  # warms what every page caches (the site settings in the footer), as on a running site
    with django_assert_num_queries(expected):
        response = read(client.get(url))
    assert response.status_code == 200
    add_items(large - small)
    with django_assert_num_queries(expected):
        response = read(client.get(url))
    assert response.status_code == 200
    return response


def read(response):
    """A streamed response read to the end, so the queries it makes while streaming are counted where it is read.

    Its body stays readable afterwards through ``response.getvalue()``.
    """
    if response.streaming:
        response.streaming_content = [b"".join(response.streaming_content)]
    return response
