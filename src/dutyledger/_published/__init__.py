"""Published forms of an edition: reading the layouts a township publishes, and writing them."""
