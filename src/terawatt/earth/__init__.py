"""AI compute on Earth: national electricity, AI data centres, compute by country."""
