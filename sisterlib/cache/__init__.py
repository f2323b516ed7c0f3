"""Cache: everything trusted that is kept between builds, outside the checkout; one place to audit."""
