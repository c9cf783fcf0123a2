/* placeholder, replaced by the form module */
