"""The call screen: what a consultant types into while listening to a candidate."""
