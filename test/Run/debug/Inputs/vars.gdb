break scale
break vars.c:16
run
continue
info locals
print buf[2]
print big
print sizeof(p)
continue
info locals
up
info locals
print pt.y
print pt.c
print tag
print (int)pt.c
delete
continue
