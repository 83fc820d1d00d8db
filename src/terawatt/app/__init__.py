"""The interactive dashboard (``terawatt serve``): a Streamlit app and its model."""
