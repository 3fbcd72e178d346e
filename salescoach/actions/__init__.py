"""The use cases: every operation that applies the domain's decisions to the store.

A command parses what the rep typed, calls one action, and renders what it returns. Every
write of leads, interactions, tasks, walk sessions and answers, training results and goals
goes through a function here, so whatever must happen on each write (the coming sync) has one
place to hook in. Actions import `core` and `store`, never `ui`, `cli` or a terminal library.
"""
